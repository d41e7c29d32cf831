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

	@Parameter(label = "Views (mirror images)", choices = { "1", "2", "4" },
			description = "At each scale the model also runs on the left-right (2) and top-bottom (4) mirror images; all boxes are suppressed together")
	private String views = String.valueOf(DEFAULTS.views());

	@Parameter(label = "Score threshold", min = "0", max = "1")
	private double score = DEFAULTS.score();

	@Parameter(label = "IoU threshold (NMS)", min = "0", max = "1")
	private double iou = DEFAULTS.iou();

	@Parameter(label = "Agnostic suppression (across classes)")
	private boolean agnostic = DEFAULTS.agnostic();

	@Parameter(label = "Planes of a stack", choices = { DetectRequest.ALL_PLANES, DetectRequest.CURRENT_PLANE },
			description = "Every slice and frame of a stack or hyperstack, or only the plane on show (the first one in a batch)")
	private String planes = DEFAULTS.planes();

	/** The request these fields describe. */
	DetectRequest request() {
		return new DetectRequest(model(model), decoder, scales, Integer.parseInt(views), score, iou, agnostic, planes);
	}
}
