package sc.fiji.convnet.request;

import sc.fiji.convnet.model.ModelTask;

/**
 * Grad-CAM (Plugins › ConvNet › Explain › Grad-CAM, {@code bin/convnet saliency}): every option with its default.
 * {@code target} is the class: an index, a class name of the model's description, or −1 / {@code top} for the
 * highest-scoring class.
 */
public record SaliencyRequest(String classifier, String layer, String target, double opacity, String normalization)
		implements java.io.Serializable {

	public static final String TOP = "-1";

	public static final Spec SPEC = Spec.of("Grad-CAM",
			Option.file("classifier", "Classifier (model name, or path to an engine network, .onnx or model folder)", ModelTask.CLASSIFICATION.defaultModel())
					.aliases("model").help("classifier: a model name, folder, engine network file or .onnx").models(ModelTask.CLASSIFICATION),
			Option.text("layer", "Layer (empty: last convolution)", "").help("layer whose feature maps are weighted (empty: the last convolution)").layerOf("classifier"),
			Option.text("target", "Target class (index or name; -1 = top)", TOP).aliases("class", "classIndex")
					.help("class index, a class name from the model's description, or -1/top for each image's top class"),
			Option.number("opacity", "Opacity of the overlay (0 = none)", 0.5).help("heat-map overlay opacity"),
			Normalization.option(Normalization.UNIT, Normalization.SALIENCY));

	public SaliencyRequest {
		classifier = classifier == null || classifier.isBlank() ? ModelTask.CLASSIFICATION.defaultModel() : classifier.trim();
		layer = layer == null ? "" : layer.trim();
		target = target == null || target.isBlank() || target.trim().equalsIgnoreCase("top") ? TOP : target.trim();
		normalization = Normalization.parse(normalization);
		if (!(opacity >= 0 && opacity <= 1)) throw new IllegalArgumentException("Grad-CAM: opacity " + opacity + " is not in [0, 1]");
		if (!Normalization.SALIENCY.contains(normalization)) throw new IllegalArgumentException("Grad-CAM: normalization '" + normalization + "' is not one of " + Normalization.SALIENCY);
	}

	public static SaliencyRequest defaults() { return from(SPEC.defaults()); }

	public static SaliencyRequest from(Values v) {
		return new SaliencyRequest(v.text("classifier"), v.text("layer"), v.text("target"), v.number("opacity"), v.text("normalization"));
	}

	public Values values() {
		return SPEC.defaults().set("classifier", classifier).set("layer", layer).set("target", target).set("opacity", opacity).set("normalization", normalization);
	}

	public SaliencyRequest with(String key, Object value) { return from(values().set(key, value)); }

	/** The class index, resolving names with the model's description ({@code -1}: the top class). */
	public int classIndex() throws java.io.IOException {
		if (target.equals(TOP)) return -1;
		if (target.matches("\\d+")) return Integer.parseInt(target);
		sc.fiji.convnet.onnx.DjlSetup.offline();
		return sc.fiji.convnet.explain.ClassNames.resolve(sc.fiji.convnet.model.ModelRepository.standard().resolve(classifier), target.equals(TOP) ? "top" : target);
	}
}
