package sc.fiji.convnet.commands;

import org.scijava.plugin.Parameter;

import sc.fiji.convnet.request.SegmentRequest;

/**
 * The Segment Nuclei parameters that Segment Nuclei and Batch Segment Nuclei share, named by their macro keys
 * ({@link SegmentRequest#SPEC}); SciJava reads {@code @Parameter} fields of superclasses too.
 */
abstract class SegmentParameters extends LoggedCommand {

	private static final SegmentRequest DEFAULTS = SegmentRequest.defaults();

	@Parameter(label = "Model (name or path)", initializer = "listModels", callback = "pickModelFile", persist = false)
	private String model = DEFAULTS.model();

	@Parameter(label = "Channel with nuclei", min = "1")
	private int channel = DEFAULTS.channel();

	@Parameter(label = "Threshold (probability)", min = "0.01", max = "0.99", stepSize = "0.05")
	private double threshold = DEFAULTS.threshold();

	@Parameter(label = "Seed threshold", min = "0.01", max = "0.99", stepSize = "0.05")
	private double seed = DEFAULTS.seed();

	@Parameter(label = "Diameter of nuclei (0 = automatic)", min = "0")
	private double diameter = DEFAULTS.diameter();

	@Parameter(label = "Minimum area (pixels)", min = "0")
	private int minimum = DEFAULTS.minimum();

	@Parameter(label = "Maximum area (pixels, 0 = none)", min = "0")
	private int maximum = DEFAULTS.maximum();

	@Parameter(label = "Tile size (pixels, 0 = automatic)", min = "0")
	private int tile = DEFAULTS.tile();

	@Parameter(label = "Views averaged (flips/rotations)", choices = { "1", "2", "4", "8" },
			description = "Test-time augmentation: the network's outputs averaged over this many flipped and rotated views")
	private String views = String.valueOf(DEFAULTS.views());

	/** The request these fields describe. */
	SegmentRequest request() {
		return new SegmentRequest(model(model), channel, threshold, seed, diameter, minimum, maximum, tile, Integer.parseInt(views));
	}
}
