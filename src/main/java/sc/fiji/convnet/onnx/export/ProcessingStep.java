package sc.fiji.convnet.onnx.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bioimage.io pre- or postprocessing step (format 0.5): an {@code id} and its {@code kwargs}, written
 * as given. The factories cover the usual ones.
 */
public record ProcessingStep(String id, Map<String, Object> kwargs) {

	public ProcessingStep {
		if (id == null || id.isBlank()) throw new IllegalArgumentException("ProcessingStep: empty id");
		kwargs = kwargs == null ? Map.of() : new LinkedHashMap<>(kwargs);
	}

	/** Percentile normalization per sample over y and x (per channel), as bioimage.io's {@code scale_range}. */
	public static ProcessingStep scaleRange(double minPercentile, double maxPercentile) {
		Map<String, Object> k = new LinkedHashMap<>();
		k.put("axes", List.of("y", "x"));
		k.put("min_percentile", minPercentile);
		k.put("max_percentile", maxPercentile);
		k.put("eps", 1e-6);
		return new ProcessingStep("scale_range", k);
	}

	/** Zero mean and unit variance per sample over y and x. */
	public static ProcessingStep zeroMeanUnitVariance() {
		return new ProcessingStep("zero_mean_unit_variance", Map.of("axes", List.of("y", "x"), "eps", 1e-6));
	}

	public static ProcessingStep sigmoid() { return new ProcessingStep("sigmoid", Map.of()); }

	public static ProcessingStep ensureFloat32() { return new ProcessingStep("ensure_dtype", Map.of("dtype", "float32")); }

	/** The YAML mapping: {id, kwargs} (kwargs left out when empty). */
	Map<String, Object> toYaml() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", id);
		if (!kwargs.isEmpty()) m.put("kwargs", new LinkedHashMap<>(kwargs));
		return m;
	}
}
