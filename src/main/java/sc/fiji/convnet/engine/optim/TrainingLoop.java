package sc.fiji.convnet.engine.optim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.Network;

/**
 * The one training loop of the project. A task says how to take one step on a batch it draws and how
 * to score the network on validation data; the loop does the rest: the learning-rate schedule, one
 * seeded random generator per step (so a resumed run draws the same batches), the log lines, keeping
 * the best network (written atomically), atomic checkpoints and resuming from them, a time limit, and
 * stopping early on request (Esc) with the best network kept. With {@link TrainingSettings#averageDecay}
 * the network scored and kept is the {@link WeightAverage} of the steps so far, not the last step's.
 * <p>
 * With {@link TrainingSettings#steps} 0 and a time limit, the number of steps is fixed after the first
 * steps from the measured speed, so that the cosine schedule ends when the time does (the warm-up is then at
 * most a fifth of the run).
 */
public final class TrainingLoop {

	/** What one kind of training does: take a step, score the network. */
	public interface Task {
		/** Draws a batch with {@code rng}, trains on it and returns the loss before the update. */
		double step(int step, SplittableRandom rng);

		/** Optional parts of the loss for the log, e.g. " (heat 0.52, 1−GIoU 0.17)"; empty by default. */
		default String lossParts() { return ""; }

		/** Scores the network on the validation data (higher is better). */
		Score validate();
	}

	/** A validation score and its log line (e.g. "val AP@0.5 0.7412  dsb 0.73  stage1 0.75"). */
	public record Score(double value, String line) {}

	/** Where a training run stands, for a plot or a status bar. */
	public record Progress(int step, int steps, double loss, double learningRate, double stepsPerSecond, double secondsLeft) {}

	/** Follows a run: every logged step, every validation, and whether the user asked it to stop. */
	public interface Monitor {
		default void stepped(Progress p) {}

		default void validated(int step, Score score, boolean best) {}

		default boolean stopRequested() { return false; }

		Monitor NONE = new Monitor() {};
	}

	/** How a run ended; {@code startScore} is the starting network's (with {@link #validateFirst}, else NaN). */
	public record Outcome(double bestScore, int lastStep, boolean stopped, double startScore) {}

	private static final int LOG_EVERY = 25, CALIBRATION_STEPS = 20;

	private final TrainingSettings s;
	private final PrintStream log;
	private Monitor monitor = Monitor.NONE;
	private int checkpointEvery = 100;
	private boolean validateFirst;

	public TrainingLoop(TrainingSettings settings, PrintStream log) {
		this.s = settings;
		this.log = log;
	}

	public TrainingLoop monitor(Monitor m) { this.monitor = m; return this; }

	public TrainingLoop checkpointEvery(int steps) {
		if (steps <= 0) throw new IllegalArgumentException("checkpoint interval " + steps + " must be positive");
		this.checkpointEvery = steps;
		return this;
	}

	/** Scores the starting network before the first step, so that a fine-tuned model is kept only when it beats its start. */
	public TrainingLoop validateFirst(boolean yes) { this.validateFirst = yes; return this; }

	/**
	 * Runs steps {@code first}…{@code steps} of {@code task} on {@code net} with {@code adam}, writing
	 * the best network to {@code best} and a checkpoint beside it. {@code resumed} (or null) is the
	 * checkpoint this run continues from; its network must be {@code net} and its moments already in {@code adam}.
	 */
	public Outcome run(Task task, Network net, Adam adam, Path best, TrainingCheckpoint resumed) throws IOException {
		if (s.steps <= 0 && !(s.maxMinutes > 0)) throw new IllegalArgumentException("training needs a number of steps or a time limit");
		Path checkpoint = TrainingCheckpoint.beside(best);
		int first = resumed != null ? resumed.step() + 1 : 1;
		double bestScore = resumed != null ? resumed.bestScore() : Double.NEGATIVE_INFINITY, startScore = Double.NaN;
		if (resumed == null && validateFirst) {
			Score start = task.validate();
			log.printf(Locale.ROOT, "step %5d  %s  (the starting network, saved)%n", 0, start.line());
			bestScore = startScore = start.value();
			save(net, best);
			monitor.validated(0, start, true);
		}
		WeightAverage average = s.averageDecay > 0 ? new WeightAverage(net, s.averageDecay) : null;
		if (average != null && resumed != null) resumed.restore(average);
		boolean calibrate = s.steps <= 0;
		if (calibrate) s.steps = Integer.MAX_VALUE;
		double running = 0;
		long start = System.nanoTime(), lastLog = start;
		int lastLogStep = first - 1, step = first;
		boolean stopped = false;
		for (; step <= s.steps; step++) {
			SplittableRandom rng = new SplittableRandom(s.seed * 0x9E3779B97F4A7C15L + step);
			adam.learningRate(s.rate(step));
			double loss = task.step(step, rng);
			if (average != null) average.update();
			running = step == first ? loss : 0.98 * running + 0.02 * loss;
			long now = System.nanoTime();
			double seconds = (now - start) / 1e9;
			if (calibrate && step - first + 1 == Math.min(CALIBRATION_STEPS, s.warmup)) {
				s.steps = step + (int) Math.max(1, (s.maxMinutes * 60 - seconds) * (step - first + 1) / seconds * 0.9); // 10 % for validation
				s.warmup = Math.min(s.warmup, Math.max(step, s.steps / 5)); // a short run is not all warm-up
				log.printf(Locale.ROOT, "%.2f steps/s: %d steps fit in %.1f minutes (warm-up %d)%n", (step - first + 1) / seconds, s.steps, s.maxMinutes,
						s.warmup);
			}
			stopped = monitor.stopRequested();
			boolean last = stopped || s.isLast(step, seconds / 60);
			if (step % LOG_EVERY == 0 || last) {
				double rate = (step - lastLogStep) / Math.max(1e-9, (now - lastLog) / 1e9);
				log.printf(Locale.ROOT, "step %5d  loss %.4f%s  lr %.5f  %.1f min  %.2f steps/s%n", step, running, task.lossParts(), s.rate(step), seconds / 60,
						rate);
				double left = s.steps == Integer.MAX_VALUE ? Double.NaN : (s.steps - step) / rate;
				if (s.maxMinutes > 0) left = Math.min(Double.isNaN(left) ? Double.MAX_VALUE : left, s.maxMinutes * 60 - seconds);
				monitor.stepped(new Progress(step, s.steps, running, s.rate(step), rate, left));
				lastLog = now;
				lastLogStep = step;
			}
			if (step % s.evalEvery == 0 || last) {
				Score score = average == null ? task.validate() : average.with(task::validate);
				boolean better = score.value() > bestScore;
				log.printf(Locale.ROOT, "step %5d  %s%s%n", step, score.line(), better ? "  (best, saved)" : "");
				if (better) {
					bestScore = score.value();
					if (average == null) save(net, best);
					else saveAverage(average, net, best);
				}
				monitor.validated(step, score, better);
			}
			if (step % checkpointEvery == 0 || last) TrainingCheckpoint.of(step, bestScore, net, adam, average).save(checkpoint);
			if (last) break;
		}
		int lastStep = Math.min(step, s.steps);
		if (stopped) log.printf(Locale.ROOT, "stopped on request after step %d; the best network is kept; resume with --resume%n", lastStep);
		else if (lastStep < s.steps) log.printf(Locale.ROOT, "stopped after step %d (time limit); resume with --resume%n", lastStep);
		return new Outcome(bestScore, lastStep, stopped, startScore);
	}

	private static void saveAverage(WeightAverage average, Network net, Path best) throws IOException {
		IOException failed = average.with(() -> {
			try {
				save(net, best);
				return null;
			} catch (IOException e) {
				return e;
			}
		});
		if (failed != null) throw failed;
	}

	private static void save(Network net, Path best) throws IOException {
		Path parent = best.toAbsolutePath().getParent();
		if (parent != null) Files.createDirectories(parent);
		net.save(best);
	}
}
