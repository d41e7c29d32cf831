package sc.fiji.convnet.segment;

/** What one segmentation call gives: the instances and the probability maps they came from. */
public final class SegmentationResult {

	private final LabelImage labels;
	private final float[][] probabilities;

	public SegmentationResult(LabelImage labels, float[][] probabilities) {
		this.labels = labels;
		this.probabilities = probabilities;
	}

	public LabelImage labels() { return labels; }
	/** One width×height map per output class (foreground; or background, interior, boundary). */
	public float[][] probabilities() { return probabilities; }
}
