package sc.fiji.convnet.model.transform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Transformation} from a bioimage.io step: its id and its kwargs, as SnakeYAML read them.
 * Axes in kwargs may be 0.4 letter strings ("yx") or 0.5 id lists ([x, y]); both become 0.5 ids.
 */
public final class Transformations {

	public static final List<String> SUPPORTED = List.of(ZeroMeanUnitVariance.ID, FixedZeroMeanUnitVariance.ID,
			ScaleRange.ID, ScaleLinear.ID, Clip.ID, Binarize.ID, Sigmoid.ID, EnsureDtype.ID);

	private Transformations() {}

	/** @throws IllegalArgumentException naming the step and the problem */
	public static Transformation create(String id, Map<String, Object> kwargs) {
		Map<String, Object> k = kwargs == null ? Map.of() : kwargs;
		String mode = string(k.get("mode"), null);
		switch (id) {
		case ZeroMeanUnitVariance.ID:
			if ("fixed".equals(mode)) {
				double[] mean = doubles(k.get("mean"), id, "mean"), std = doubles(k.get("std"), id, "std");
				return new FixedZeroMeanUnitVariance(mean, std, valuesAxis(k, Math.max(mean.length, std.length)), number(k.get("eps"), 1e-6));
			}
			if ("per_dataset".equals(mode))
				throw new IllegalArgumentException(id + ": mode per_dataset needs dataset statistics, which are not supported");
			return new ZeroMeanUnitVariance(axes(k.get("axes")), number(k.get("eps"), 1e-6));
		case FixedZeroMeanUnitVariance.ID:
			return new FixedZeroMeanUnitVariance(doubles(k.get("mean"), id, "mean"), doubles(k.get("std"), id, "std"),
					string(k.get("axis"), null), number(k.get("eps"), 1e-6));
		case ScaleRange.ID:
			if ("per_dataset".equals(mode))
				throw new IllegalArgumentException(id + ": mode per_dataset needs dataset statistics, which are not supported");
			if (k.get("reference_tensor") != null)
				throw new IllegalArgumentException(id + ": reference_tensor '" + k.get("reference_tensor") + "' is not supported");
			return new ScaleRange(axes(k.get("axes")), number(k.get("min_percentile"), 0), number(k.get("max_percentile"), 100),
					number(k.get("eps"), 1e-6));
		case ScaleLinear.ID: {
			double[] gain = k.get("gain") == null ? new double[] { 1 } : doubles(k.get("gain"), id, "gain");
			double[] offset = k.get("offset") == null ? new double[] { 0 } : doubles(k.get("offset"), id, "offset");
			return new ScaleLinear(gain, offset, valuesAxis(k, Math.max(gain.length, offset.length)));
		}
		case Clip.ID:
			return new Clip(number(k.get("min"), Double.NEGATIVE_INFINITY), number(k.get("max"), Double.POSITIVE_INFINITY));
		case Binarize.ID:
			double[] threshold = doubles(k.get("threshold"), id, "threshold");
			return new Binarize(threshold, valuesAxis(k, threshold.length));
		case Sigmoid.ID:
			return new Sigmoid();
		case EnsureDtype.ID:
			return new EnsureDtype(string(k.get("dtype"), "float32"));
		default:
			throw new IllegalArgumentException("unsupported transformation '" + id + "'; supported: " + SUPPORTED);
		}
	}

	/** 0.4 letters or 0.5 ids to 0.5 ids; null stays null (= all axes). */
	public static List<String> axes(Object value) {
		if (value == null) return null;
		List<String> out = new ArrayList<>();
		if (value instanceof String s) for (char c : s.toCharArray()) out.add(letterToId(c));
		else if (value instanceof Collection<?> c) for (Object o : c) out.add(String.valueOf(o));
		else throw new IllegalArgumentException("axes must be a string of letters or a list of ids, got " + value);
		return out;
	}

	public static String letterToId(char c) {
		return switch (c) {
		case 'b' -> "batch";
		case 'c' -> "channel";
		case 'i' -> "index";
		case 't' -> "time";
		case 'x', 'y', 'z' -> String.valueOf(c);
		default -> throw new IllegalArgumentException("unknown axis letter '" + c + "' (bitczyx)");
		};
	}

	/**
	 * The axis along which a list of parameter values varies: 0.5 names it ({@code axis}); in 0.4, {@code axes} names
	 * the axes treated jointly and a list of values is one per channel.
	 */
	private static String valuesAxis(Map<String, Object> k, int valueCount) {
		if (k.get("axis") != null) return axes(k.get("axis")).get(0);
		return valueCount > 1 ? "channel" : null;
	}

	private static String string(Object o, String dflt) { return o == null ? dflt : o.toString(); }

	private static double number(Object o, double dflt) {
		if (o == null) return dflt;
		if (o instanceof Number n) return n.doubleValue();
		try {
			return Double.parseDouble(o.toString());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("expected a number, got '" + o + "'");
		}
	}

	private static double[] doubles(Object o, String id, String name) {
		if (o == null) throw new IllegalArgumentException(id + ": '" + name + "' is required");
		if (o instanceof Collection<?> c) {
			double[] d = new double[c.size()];
			int i = 0;
			for (Object x : c) d[i++] = number(x, Double.NaN);
			return d;
		}
		return new double[] { number(o, Double.NaN) };
	}
}
