package sc.fiji.convnet.request;

import java.io.IOException;
import java.util.List;

import sc.fiji.convnet.detect.DetectionModels;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;

/** Detect Objects: every option with its default, in one place, for every front end. */
public record DetectRequest(String model, String decoder, String scales, int views, double score, double iou, boolean agnostic, String planes)
		implements java.io.Serializable {

	public static final String FROM_MODEL = "from model", ALL_PLANES = "all", CURRENT_PLANE = "current";

	public static final Spec SPEC = Spec.of("Detect Objects",
			Option.text("model", "Model (name or path)", DetectionModels.DEFAULT_MODEL)
					.help("a shipped or installed model's name, or a model folder/description").models(sc.fiji.convnet.model.ModelTask.DETECTION),
			Option.choice("decoder", "Decoder", FROM_MODEL, List.of(FROM_MODEL, "grid", "centre", "n6", "boxes_scores"))
					.help("how the outputs are read: as the model description says, or grid, n6, boxes_scores"),
			Option.text("scales", "Scales", DetectionSettings.DEFAULT_SCALES).help("scales to run at, e.g. 0.8,1,1.25"),
			Option.choice("views", "Views (mirror images)", String.valueOf(DetectionSettings.DEFAULT_VIEWS), List.of("1", "2", "4"))
					.help("run on 1, 2 or 4 views at each scale: the image, its left-right mirror image, and the top-bottom ones"),
			Option.number("score", "Score threshold", DetectionSettings.DEFAULT_SCORE).help("score threshold"),
			Option.number("iou", "IoU threshold (NMS)", DetectionSettings.DEFAULT_IOU).help("IoU threshold of non-max suppression"),
			Option.flag("agnostic", "Agnostic suppression (across classes)", false).aliases("class-agnostic", "class_agnostic")
					.help("suppress overlapping boxes across classes"),
			Option.choice("planes", "Planes of a stack", ALL_PLANES, List.of(ALL_PLANES, CURRENT_PLANE))
					.help("every slice and frame of a stack or hyperstack, or only the plane on show (the first one in a batch)"));

	public DetectRequest {
		model = model == null || model.isBlank() ? DetectionModels.DEFAULT_MODEL : model.trim();
		decoder = decoder == null || decoder.isBlank() ? FROM_MODEL : decoder.trim();
		settings(scales, views, score, iou, agnostic); // validates
		planes = planes == null || planes.isBlank() ? ALL_PLANES : planes.trim();
		if (!planes.equals(ALL_PLANES) && !planes.equals(CURRENT_PLANE))
			throw new IllegalArgumentException("Detect Objects: planes '" + planes + "' is not " + ALL_PLANES + " or " + CURRENT_PLANE);
	}

	public static DetectRequest defaults() { return from(SPEC.defaults()); }

	public static DetectRequest from(Values v) {
		return new DetectRequest(v.text("model"), v.text("decoder"), v.text("scales"), v.integer("views"), v.number("score"), v.number("iou"), v.flag("agnostic"), v.text("planes"));
	}

	public Values values() {
		return SPEC.defaults().set("model", model).set("decoder", decoder).set("scales", scales).set("views", views).set("score", score).set("iou", iou).set("agnostic", agnostic).set("planes", planes);
	}

	public DetectRequest with(String key, Object value) { return from(values().set(key, value)); }

	public DetectionSettings settings() { return settings(scales, views, score, iou, agnostic); }

	private static DetectionSettings settings(String scales, int views, double score, double iou, boolean agnostic) {
		return new DetectionSettings(DetectionSettings.parseScales(scales), views, score, iou, agnostic);
	}

	/** Whether every slice and frame of a stack is searched. */
	public boolean allPlanes() { return ALL_PLANES.equals(planes); }

	/** The decoder chosen over the model description's, or null to decode as the description says. */
	public String decoderOverride() { return FROM_MODEL.equals(decoder) ? null : decoder; }

	/** The detector: the model found by the repository, decoded as its description says unless a decoder is chosen. */
	public Detector detector() throws IOException {
		sc.fiji.convnet.onnx.DjlSetup.offline();
		return DetectionModels.load(model, decoderOverride());
	}
}
