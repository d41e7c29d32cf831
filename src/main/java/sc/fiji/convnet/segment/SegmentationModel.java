package sc.fiji.convnet.segment;

import sc.fiji.convnet.predict.Predictor;

/**
 * A network ready for nuclei segmentation: the backend that runs it and what the pipeline must
 * know around it (how to normalise, what its output channels mean, the object size it was trained on).
 */
public final class SegmentationModel implements AutoCloseable {

	private final String name;
	private final Predictor predictor;
	private final InstanceDecoder.OutputKind outputKind;
	private final boolean outputsAreLogits;
	private final double lowPercentile, highPercentile;
	private final double trainedDiameter;

	public SegmentationModel(String name, Predictor predictor, InstanceDecoder.OutputKind outputKind, boolean outputsAreLogits,
			double lowPercentile, double highPercentile, double trainedDiameter) {
		this.name = name;
		this.predictor = predictor;
		this.outputKind = outputKind;
		this.outputsAreLogits = outputsAreLogits;
		this.lowPercentile = lowPercentile;
		this.highPercentile = highPercentile;
		this.trainedDiameter = trainedDiameter;
	}

	public String name() { return name; }
	public Predictor predictor() { return predictor; }
	public InstanceDecoder.OutputKind outputKind() { return outputKind; }
	/** Whether the output still needs a sigmoid (1 channel) or softmax (3 channels). */
	public boolean outputsAreLogits() { return outputsAreLogits; }
	public double lowPercentile() { return lowPercentile; }
	public double highPercentile() { return highPercentile; }
	/** Typical nucleus diameter in pixels in the training images; 0 when unknown. */
	public double trainedDiameter() { return trainedDiameter; }

	@Override
	public void close() { predictor.close(); }

	@Override
	public String toString() { return name + " (" + predictor.describe() + ")"; }
}
