package sc.fiji.convnet.engine;

/**
 * What a forward pass is for. It decides whether batch statistics or running statistics are used
 * (and whether dropout drops), and whether layers keep what their backward pass needs.
 */
public enum Phase {
	/** Evaluation statistics, nothing kept: the cheapest pass, for prediction. */
	INFERENCE(false, false),
	/** Evaluation statistics, caches kept: for gradients with respect to the input (saliency). */
	EVAL_WITH_GRADIENTS(false, true),
	/** Batch statistics, dropout active, caches kept: for training. */
	TRAINING(true, true);

	private final boolean training, records;

	Phase(boolean training, boolean records) {
		this.training = training;
		this.records = records;
	}

	/** Whether batch normalization uses batch statistics and dropout drops. */
	public boolean training() { return training; }

	/** Whether layers keep what {@link Layer#backward} needs. */
	public boolean records() { return records; }
}
