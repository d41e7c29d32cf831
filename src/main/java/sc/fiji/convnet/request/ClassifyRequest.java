package sc.fiji.convnet.request;

import java.util.List;

import sc.fiji.convnet.model.ModelTask;

/** Classify: the top-k classes of the whole image, of each ROI, or of every sliding window; every option with its default. */
public record ClassifyRequest(String classifier, String classify, int top, int window, int stride, String normalization) {

	public static final String WHOLE = "whole image", ROIS = "each ROI", WINDOWS = "sliding window (class map)";

	public static final Spec SPEC = Spec.of("Classify",
			Option.file("classifier", "Classifier (model name, or path to a .net, .onnx, model folder or bioimageio.yaml)",
					ModelTask.CLASSIFICATION.defaultModel()).aliases("model").help("classifier: a model name, folder, engine network file or .onnx").models(ModelTask.CLASSIFICATION),
			Option.choice("classify", "Classify", WHOLE, List.of(WHOLE, ROIS, WINDOWS)).help("what to classify"),
			Option.integer("top", "Top k", 3).aliases("k").help("how many classes per image"),
			Option.integer("window", "Window (px)", 64).help("sliding window edge in pixels"),
			Option.integer("stride", "Stride (px)", 32).help("sliding window step in pixels"),
			Normalization.option(Normalization.DIVIDE_255, Normalization.CLASSIFY));

	public ClassifyRequest {
		classifier = classifier == null || classifier.isBlank() ? ModelTask.CLASSIFICATION.defaultModel() : classifier.trim();
		normalization = Normalization.parse(normalization);
		if (!SPEC.option("classify").choices().contains(classify)) throw new IllegalArgumentException("Classify: '" + classify + "' is not one of " + SPEC.option("classify").choices());
		if (top < 1 || window < 1 || stride < 1) throw new IllegalArgumentException("Classify: top k, window and stride must be positive");
		if (!Normalization.CLASSIFY.contains(normalization)) throw new IllegalArgumentException("Classify: normalization '" + normalization + "' is not one of " + Normalization.CLASSIFY);
	}

	public static ClassifyRequest defaults() { return from(SPEC.defaults()); }

	public static ClassifyRequest from(Values v) {
		return new ClassifyRequest(v.text("classifier"), v.text("classify"), v.integer("top"), v.integer("window"), v.integer("stride"), v.text("normalization"));
	}

	public Values values() {
		return SPEC.defaults().set("classifier", classifier).set("classify", classify).set("top", top).set("window", window).set("stride", stride)
				.set("normalization", normalization);
	}

	public ClassifyRequest with(String key, Object value) { return from(values().set(key, value)); }
}
