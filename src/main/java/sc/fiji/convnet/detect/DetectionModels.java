package sc.fiji.convnet.detect;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import sc.fiji.convnet.model.Axis;
import sc.fiji.convnet.model.AxisType;
import sc.fiji.convnet.model.ModelDescriptor;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.predict.OnnxPredictor;

/**
 * Opens detection models found by the {@link ModelRepository}: a shipped or installed model's name (e.g.
 * {@code bccd-detector}) or a path to a model folder or its description. The description's {@code config: convnet:} block says how to decode:
 * {@code decoder: grid} (ours: {@code classes}, {@code stride}, {@code reference_size}, {@code input_scale}),
 * {@code decoder: centre} (ours: per-class centre heat maps and box distances; {@code classes}, {@code stride},
 * {@code input_scale}; inputs padded to the description's size step),
 * {@code decoder: n6} (rows x1, y1, x2, y2, score, class) or {@code decoder: boxes_scores} (SSD-style,
 * with {@code box_order: xyxy|yxyx|cxcywh}, {@code normalized}, {@code background_first},
 * {@code boxes_output}, {@code scores_output}); external models also take {@code input_size: [h, w]}
 * and {@code input_range} (1 or 255). A bare .onnx takes the decoder given by {@code decoderOverride}.
 */
public final class DetectionModels {

	public static final String DEFAULT_MODEL = ModelTask.DETECTION.defaultModel();

	private DetectionModels() {}

	public static Detector load(String nameOrPath) throws IOException { return load(nameOrPath, null); }

	/** @param decoderOverride "grid", "centre", "n6" or "boxes_scores" to override the description, or null */
	public static Detector load(String nameOrPath, String decoderOverride) throws IOException {
		ModelFiles files = ModelRepository.standard().findDescribed(nameOrPath);
		ModelDescriptor d = files.descriptor();
		Map<String, Object> c = files.config();
		String decoder = decoderOverride != null && !decoderOverride.isBlank() ? decoderOverride : String.valueOf(c.getOrDefault("decoder", ""));
		List<String> classes = files.classes();
		Supplier<OnnxSession> session = files.sessions();
		switch (decoder.toLowerCase(Locale.ROOT)) {
			case "grid" -> {
				if (classes.isEmpty()) throw new IOException(d.source() + ": config.convnet.classes is missing; the grid decoder needs the class names");
				int stride = number(c, "stride", 16).intValue();
				GridLayout layout = new GridLayout(classes, stride, number(c, "reference_size", 32).doubleValue());
				GridDetector grid = new GridDetector(new OnnxPredictor(session, stride, 0), layout, number(c, "input_scale", 1).doubleValue());
				return new GridModelDetector(grid, d.name());
			}
			case "centre", "center" -> {
				if (classes.isEmpty()) throw new IOException(d.source() + ": config.convnet.classes is missing; the centre decoder needs the class names");
				CentreLayout layout = new CentreLayout(classes, number(c, "stride", 8).intValue());
				int multiple = Math.max(layout.stride(), inputStep(d));
				GridDetector centre = new GridDetector(new OnnxPredictor(session, multiple, 0), new CentreDecoder(layout),
						number(c, "input_scale", 1).doubleValue());
				return new GridModelDetector(centre, d.name());
			}
			case "n6", "boxes_scores" -> {
				int w = 0, h = 0;
				if (c.get("input_size") instanceof List<?> size && size.size() == 2) {
					h = ((Number) size.get(0)).intValue();
					w = ((Number) size.get(1)).intValue();
				}
				ExternalDecoders.BoxOrder order = ExternalDecoders.BoxOrder.valueOf(String.valueOf(c.getOrDefault("box_order", "xyxy")).toUpperCase(Locale.ROOT));
				ExternalModelDetector.Config config = new ExternalModelDetector.Config(
						decoder.equalsIgnoreCase("n6") ? ExternalModelDetector.Layout.N6 : ExternalModelDetector.Layout.BOXES_SCORES, classes, w, h,
						number(c, "input_range", 1).doubleValue(), order, Boolean.TRUE.equals(c.get("normalized")),
						Boolean.TRUE.equals(c.get("background_first")), (String) c.get("boxes_output"), (String) c.get("scores_output"));
				return new ExternalModelDetector(session, config, d.input()::preprocess, d.name());
			}
			default -> throw new IOException(d.source() + ": no detection decoder: config.convnet.decoder is '" + decoder
					+ "'; expected grid, centre, n6 or boxes_scores (or choose one in the dialog)");
		}
	}

	/** The least common step of the input's spatial axes in the description (e.g. 32), 1 when they have none. */
	private static int inputStep(ModelDescriptor d) {
		int step = 1;
		for (Axis a : d.input().axes())
			if (a.type() == AxisType.SPACE && a.step() > 1) step = Math.max(step, a.step());
		return step;
	}

	private static Number number(Map<String, Object> c, String key, Number fallback) {
		return c.get(key) instanceof Number n ? n : fallback;
	}
}
