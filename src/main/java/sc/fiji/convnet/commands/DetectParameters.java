package sc.fiji.convnet.commands;

import org.scijava.plugin.Parameter;

import sc.fiji.convnet.request.DetectRequest;

/**
 * The Detect Objects parameters that Detect Objects and Batch Detect Objects share, named by their macro keys
 * ({@link DetectRequest#SPEC}); SciJava reads {@code @Parameter} fields of superclasses too.
 */
abstract class DetectParameters extends LoggedCommand {

	private static final DetectRequest DEFAULTS = DetectRequest.defaults();

	@Parameter(label = "Model (name or path)", initializer = "listModels", callback = "pickModelFile", persist = false)
	private String model = DEFAULTS.model();

	@Parameter(label = "Decoder", choices = { DetectRequest.FROM_MODEL, "grid", "centre", "n6", "boxes_scores" })
	private String decoder = DEFAULTS.decoder();

	@Parameter(label = "Scales", description = "e.g. 1 or 0.8,1,1.25: the model runs on rescaled copies and the boxes are mapped back")
	private String scales = DEFAULTS.scales();

	@Parameter(label = "Score threshold", min = "0", max = "1")
	private double score = DEFAULTS.score();

	@Parameter(label = "IoU threshold (NMS)", min = "0", max = "1")
	private double iou = DEFAULTS.iou();

	@Parameter(label = "Agnostic suppression (across classes)")
	private boolean agnostic = DEFAULTS.agnostic();

	/** The request these fields describe. */
	DetectRequest request() {
		return new DetectRequest(model(model), decoder, scales, score, iou, agnostic);
	}
}
