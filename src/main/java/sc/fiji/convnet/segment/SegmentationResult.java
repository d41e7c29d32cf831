package sc.fiji.convnet.segment;

/** What one segmentation call gives: the instances and the probability maps they came from. */
public final class SegmentationResult {

	private final LabelImage labels;
	private final float[][] probabilities;
	private final double diameter;

	public SegmentationResult(LabelImage labels, float[][] probabilities) { this(labels, probabilities, 0); }

	public SegmentationResult(LabelImage labels, float[][] probabilities, double diameter) {
		this.labels = labels;
		this.probabilities = probabilities;
		this.diameter = diameter;
	}

	/** The nucleus diameter in pixels the image was segmented at: the one given, the one found, or 0 when neither. */
	public double diameter() { return diameter; }

	public LabelImage labels() { return labels; }
	/** One width×height map per output class (foreground; or background, interior, boundary). */
	public float[][] probabilities() { return probabilities; }
}
