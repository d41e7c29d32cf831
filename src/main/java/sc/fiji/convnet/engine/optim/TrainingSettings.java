package sc.fiji.convnet.engine.optim;

/**
 * What every training run of the project shares: the seed, the number of steps (or a time limit),
 * crops per step and their size, the network's first-level width, how often to validate and to write a
 * checkpoint, where to start from (a network, or the checkpoint to resume), and the learning-rate schedule (linear warm-up, then cosine decay down to {@code finalFraction} of the
 * peak). Each task's own settings extend this with their defaults and extras.
 */
public class TrainingSettings {

	public long seed = 42;
	public int steps = 3000, batch = 8, crop = 128, width = 16, evalEvery = 200, warmup = 100;
	public double learningRate = 2e-3, maxMinutes = 0, finalFraction = 0.02;
	/** Steps between checkpoints (written beside the best network). */
	public int checkpointEvery = 100;
	/** Continue from the checkpoint beside the output when there is one. */
	public boolean resume;
	/** A trained network to start from (its own architecture; the width is then ignored), or null for a new one. */
	public java.nio.file.Path init;
	/** Decay of the moving average of the weights that is scored and kept ({@link WeightAverage}); 0: the last step's weights. */
	public double averageDecay = 0;
	/** Score the starting network first, so that fine-tuning never keeps a network worse than its start. */
	public boolean validateFirst;

	/**
	 * The budget of a run a person asked for: {@code steps}, or with 0 as many as fit in {@code minutes}; validation
	 * about ten times (every 100 steps on a time budget), a warm-up of at most a fifth of the steps, a checkpoint every 50.
	 */
	public void budget(int steps, double minutes) {
		this.steps = steps;
		this.maxMinutes = minutes;
		evalEvery = steps > 0 ? Math.max(25, steps / 10) : 100;
		warmup = Math.max(1, Math.min(warmup, steps > 0 ? steps / 5 : 100));
		checkpointEvery = 50;
	}

	/** The learning rate at a step (1-based). */
	public double rate(int step) {
		if (step <= warmup) return learningRate * step / warmup;
		double t = (step - warmup) / (double) Math.max(1, steps - warmup);
		return learningRate * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
	}

	/** Whether training stops after this step: the last step, or the time limit reached. */
	public boolean isLast(int step, double minutes) {
		return step == steps || (maxMinutes > 0 && minutes >= maxMinutes);
	}
}
