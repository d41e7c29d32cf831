package sc.fiji.convnet.segment;

import java.util.List;
import java.util.function.UnaryOperator;

import sc.fiji.convnet.model.transform.Transformation;
import sc.fiji.convnet.predict.FittedPreprocessing;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.SampledPercentiles;
import sc.fiji.convnet.predict.TileNormalizer;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A network ready for nuclei segmentation: the backend that runs it and what the pipeline must
 * know around it: the pre-processing applied once to the whole image (so that tiles share its
 * statistics), the post-processing that turns stitched outputs into probabilities, what the output
 * channels mean and the nucleus size it was trained on.
 */
public final class SegmentationModel implements AutoCloseable {

	private final String name;
	private final Predictor predictor;
	private final InstanceDecoder.OutputKind outputKind;
	private final UnaryOperator<Tensor> preprocessing, postprocessing;
	private final double trainedDiameter;
	private String digest = "";
	private List<Transformation> steps = List.of();
	private List<String> axes = List.of("b", "c", "y", "x");

	public SegmentationModel(String name, Predictor predictor, InstanceDecoder.OutputKind outputKind, UnaryOperator<Tensor> preprocessing,
			UnaryOperator<Tensor> postprocessing, double trainedDiameter) {
		this.name = name;
		this.predictor = predictor;
		this.outputKind = outputKind;
		this.preprocessing = preprocessing;
		this.postprocessing = postprocessing;
		this.trainedDiameter = trainedDiameter;
	}

	public String name() { return name; }
	/** The sha256 of the weights (verified against the description), or empty when unknown; batch journals record it. */
	public String digest() { return digest; }
	/** Sets {@link #digest()}; returns this. */
	public SegmentationModel withDigest(String sha256) { this.digest = sha256 == null ? "" : sha256; return this; }
	/**
	 * Names the pre-processing's steps and the input's axes, so that block-wise segmentation can apply the same steps
	 * tile by tile ({@link #tileNormalizer}); returns this.
	 */
	public SegmentationModel withPreprocessingSteps(List<Transformation> described, List<String> inputAxes) {
		this.steps = List.copyOf(described);
		this.axes = List.copyOf(inputAxes);
		return this;
	}

	/** The pre-processing as {@link #preprocess} does it on a whole image, with its statistics from the whole-image {@code sample}, for one tile at a time. */
	public TileNormalizer tileNormalizer(SampledPercentiles sample) { return FittedPreprocessing.of(steps, axes, sample); }
	public Predictor predictor() { return predictor; }
	public InstanceDecoder.OutputKind outputKind() { return outputKind; }
	/** Whole-image normalisation, 1×1×H×W in and out. */
	public Tensor preprocess(Tensor image) { return preprocessing.apply(image); }
	/** Stitched network output to probabilities, 1×K×H×W in and out. */
	public Tensor postprocess(Tensor output) { return postprocessing.apply(output); }
	/** Typical nucleus diameter in pixels in the training images; 0 when unknown. */
	public double trainedDiameter() { return trainedDiameter; }

	@Override
	public void close() { predictor.close(); }

	@Override
	public String toString() { return name + " (" + predictor.describe() + ")"; }
}
