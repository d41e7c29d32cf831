package sc.fiji.convnet.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/** The one training loop: stopping on request keeps the best and a checkpoint that resumes exactly; fine-tuning never keeps a worse network. */
class TrainingLoopTest {

	@TempDir Path dir;

	private static Network net() { return UNet.builder().inChannels(1).classes(3).depth(1).baseWidth(4).seed(3).build(); }

	private static TrainingSettings settings(int steps) {
		TrainingSettings s = new TrainingSettings();
		s.steps = steps;
		s.evalEvery = 3;
		s.warmup = 2;
		s.learningRate = 1e-2;
		return s;
	}

	/** Random 16² crops from the step's generator; the score is minus the loss on a fixed batch. */
	private static TrainingLoop.Task task(Network net, Adam adam) {
		Trainer t = new Trainer(net, new SoftmaxCrossEntropy(null), adam);
		return new TrainingLoop.Task() {
			@Override
			public double step(int step, SplittableRandom rng) {
				float[] x = new float[2 * 256], y = new float[2 * 256];
				for (int i = 0; i < x.length; i++) { x[i] = (float) rng.nextDouble(); y[i] = x[i] > 0.5 ? 1 : 0; }
				return t.step(new Tensor(x, 2, 1, 16, 16), new Tensor(y, 2, 16, 16));
			}

			@Override
			public TrainingLoop.Score validate() {
				SplittableRandom r = new SplittableRandom(99);
				float[] x = new float[256], y = new float[256];
				for (int i = 0; i < x.length; i++) { x[i] = (float) r.nextDouble(); y[i] = x[i] > 0.5 ? 1 : 0; }
				double loss = t.evaluate(new Tensor(x, 1, 1, 16, 16), new Tensor(y, 1, 16, 16));
				return new TrainingLoop.Score(-loss, "val −loss " + (-loss));
			}
		};
	}

	/** {@code task} with a score that rises at every validation (counted in {@code count}, across runs), so that the last one is kept. */
	private static TrainingLoop.Task improving(TrainingLoop.Task task, int[] count) {
		return new TrainingLoop.Task() {
			@Override public double step(int step, SplittableRandom rng) { return task.step(step, rng); }

			@Override public TrainingLoop.Score validate() { return new TrainingLoop.Score(++count[0], "score " + count[0]); }
		};
	}

	private static void assertSameWeights(Network a, Network b) {
		List<Parameter> p = a.allParameters(), q = b.allParameters();
		for (int i = 0; i < p.size(); i++) assertArrayEquals(p.get(i).value().data(), q.get(i).value().data(), p.get(i).name());
	}

	@Test
	void stoppedOnRequestThenResumedEqualsAnUninterruptedRun() throws IOException {
		PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
		Network straight = net();
		Adam a = new Adam(straight.parameters(), 1e-2);
		new TrainingLoop(settings(9), quiet).run(task(straight, a), straight, a, dir.resolve("straight.net"), null);

		Path best = dir.resolve("stopped.net");
		Network first = net();
		Adam b = new Adam(first.parameters(), 1e-2);
		int[] calls = { 0 };
		TrainingLoop.Outcome stopped = new TrainingLoop(settings(9), quiet).monitor(new TrainingLoop.Monitor() {
			@Override
			public boolean stopRequested() { return ++calls[0] >= 4; } // Esc during step 4
		}).run(task(first, b), first, b, best, null);
		assertTrue(stopped.stopped());
		assertEquals(4, stopped.lastStep());
		assertTrue(best.toFile().isFile(), "the best network so far is kept");

		TrainingCheckpoint resumed = TrainingCheckpoint.load(TrainingCheckpoint.beside(best));
		assertEquals(4, resumed.step());
		Network again = resumed.network();
		Adam c = new Adam(again.parameters(), 1e-2);
		resumed.restore(c);
		TrainingLoop.Outcome end = new TrainingLoop(settings(9), quiet).run(task(again, c), again, c, best, resumed);
		assertFalse(end.stopped());
		assertEquals(9, end.lastStep());
		assertSameWeights(straight, again);
	}

	@Test
	void withAnAverageTheAveragedWeightsAreKeptAndAResumedRunEqualsAnUninterruptedOne() throws IOException {
		PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
		TrainingSettings s = settings(9);
		s.averageDecay = 0.8;
		s.evalEvery = 9; // one validation, at the end: the kept network is the average after step 9
		// the same steps by hand, averaged in double precision
		Network hand = net();
		Adam h = new Adam(hand.parameters(), 1e-2);
		TrainingLoop.Task byHand = task(hand, h);
		List<Parameter> hp = hand.allParameters();
		double[][] avg = new double[hp.size()][];
		for (int i = 0; i < avg.length; i++) {
			float[] w = hp.get(i).value().data();
			avg[i] = new double[w.length];
			for (int j = 0; j < w.length; j++) avg[i][j] = w[j];
		}
		for (int step = 1; step <= 9; step++) {
			h.learningRate(s.rate(step));
			byHand.step(step, new SplittableRandom(s.seed * 0x9E3779B97F4A7C15L + step));
			double d = Math.min(0.8, step / (9.0 + step));
			for (int i = 0; i < avg.length; i++) {
				float[] w = hp.get(i).value().data();
				for (int j = 0; j < w.length; j++) avg[i][j] = d * avg[i][j] + (1 - d) * w[j];
			}
		}

		Network straight = net();
		Adam a = new Adam(straight.parameters(), 1e-2);
		Path straightBest = dir.resolve("straight-avg.net");
		new TrainingLoop(s, quiet).run(task(straight, a), straight, a, straightBest, null);
		assertSameWeights(hand, straight); // the average does not touch the trained weights
		List<Parameter> kept = Network.load(straightBest).allParameters();
		boolean differsFromLast = false;
		for (int i = 0; i < avg.length; i++) {
			float[] k = kept.get(i).value().data();
			for (int j = 0; j < k.length; j++) {
				assertEquals(avg[i][j], k[j], 1e-5, kept.get(i).name() + "[" + j + "]");
				differsFromLast |= k[j] != hp.get(i).value().data()[j];
			}
		}
		assertTrue(differsFromLast, "the kept network is the average, not the last step's weights");

		TrainingSettings t = settings(9);
		t.averageDecay = 0.8;
		t.evalEvery = 9;
		Path best = dir.resolve("stopped-avg.net");
		Network first = net();
		Adam b = new Adam(first.parameters(), 1e-2);
		int[] calls = { 0 }, validations = { 0 };
		new TrainingLoop(t, quiet).monitor(new TrainingLoop.Monitor() {
			@Override
			public boolean stopRequested() { return ++calls[0] >= 5; }
		}).run(improving(task(first, b), validations), first, b, best, null);
		TrainingCheckpoint resumed = TrainingCheckpoint.load(TrainingCheckpoint.beside(best));
		assertEquals(5, resumed.averageUpdates());
		Network again = resumed.network();
		Adam c = new Adam(again.parameters(), 1e-2);
		resumed.restore(c);
		TrainingSettings u = settings(9);
		u.averageDecay = 0.8;
		u.evalEvery = 9;
		new TrainingLoop(u, quiet).run(improving(task(again, c), validations), again, c, best, resumed);
		assertSameWeights(Network.load(straightBest), Network.load(best));
	}

	@Test
	void fineTuningKeepsTheStartingNetworkWhenNothingBeatsIt() throws IOException {
		Network net = net();
		Adam adam = new Adam(net.parameters(), 1e-2);
		Network start = net();
		List<Integer> validatedAt = new ArrayList<>();
		TrainingLoop.Task real = task(net, adam);
		double[] scores = { 1.0, 0.5, 0.2, 0.1 }; // the start is best
		TrainingLoop.Task worse = new TrainingLoop.Task() {
			int n;

			@Override public double step(int step, SplittableRandom rng) { return real.step(step, rng); }

			@Override public TrainingLoop.Score validate() { return new TrainingLoop.Score(scores[Math.min(n++, 3)], "score"); }
		};
		Path best = dir.resolve("tuned.net");
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		TrainingLoop.Outcome o = new TrainingLoop(settings(6), new PrintStream(log)).validateFirst(true).monitor(new TrainingLoop.Monitor() {
			@Override public void validated(int step, TrainingLoop.Score s, boolean isBest) { validatedAt.add(step); }
		}).run(worse, net, adam, best, null);
		assertEquals(List.of(0, 3, 6), validatedAt);
		assertEquals(1.0, o.bestScore());
		assertSameWeights(start, Network.load(best));
		assertTrue(log.toString().contains("step     0  score  (the starting network, saved)"), log.toString());
	}

	@Test
	void aTimeBudgetPlansTheStepsAfterTheWarmUp() throws IOException {
		Network net = net();
		Adam adam = new Adam(net.parameters(), 1e-2);
		TrainingSettings s = settings(0);
		s.maxMinutes = 0.05; // 3 s
		s.warmup = 5;
		s.evalEvery = 1000;
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		TrainingLoop.Outcome o = new TrainingLoop(s, new PrintStream(log)).run(task(net, adam), net, adam, dir.resolve("timed.net"), null);
		assertTrue(s.steps > 5 && s.steps < Integer.MAX_VALUE, "planned " + s.steps + " steps: " + log);
		assertTrue(log.toString().contains("steps fit in 0.1 minutes"), log.toString());
		assertTrue(o.lastStep() <= s.steps && o.lastStep() > 5, o + " " + log);
	}
}
