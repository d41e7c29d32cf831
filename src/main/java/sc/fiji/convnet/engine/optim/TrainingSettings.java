package sc.fiji.convnet.engine.optim;

/**
 * What every training run of the project shares: the seed, the number of steps (or a time limit),
 * crops per step and their size, the network's first-level width, how often to validate, and the
 * learning-rate schedule (linear warm-up, then cosine decay down to {@code finalFraction} of the
 * peak). Each task's own settings extend this with their defaults and extras.
 */
public class TrainingSettings {

	public long seed = 42;
	public int steps = 3000, batch = 8, crop = 128, width = 16, evalEvery = 200, warmup = 100;
	public double learningRate = 2e-3, maxMinutes = 0, finalFraction = 0.02;

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
