package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Casts values to a data type while keeping them in a float tensor: float32 changes nothing; float64 is already
 * rounded to float; integer types truncate toward zero and clamp to the type's range (NumPy would wrap around
 * instead; clamping is the safer reading for images); bool becomes 0/1.
 */
public record EnsureDtype(String dtype) implements Transformation {

	public static final String ID = "ensure_dtype";

	public EnsureDtype {
		range(dtype); // validates
	}

	@Override
	public String id() { return ID; }

	private static double[] range(String dtype) {
		return switch (dtype) {
		case "float32", "float64" -> null;
		case "uint8" -> new double[] { 0, 255 };
		case "int8" -> new double[] { -128, 127 };
		case "uint16" -> new double[] { 0, 65535 };
		case "int16" -> new double[] { -32768, 32767 };
		case "uint32" -> new double[] { 0, 4294967295.0 };
		case "int32" -> new double[] { Integer.MIN_VALUE, Integer.MAX_VALUE };
		case "uint64" -> new double[] { 0, 1.8446744073709552E19 };
		case "int64" -> new double[] { Long.MIN_VALUE, Long.MAX_VALUE };
		case "bool" -> new double[] { 0, 1 };
		default -> throw new IllegalArgumentException(ID + ": unknown dtype '" + dtype + "'");
		};
	}

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		double[] r = range(dtype);
		float[] x = input.data();
		float[] y = x.clone();
		if (r == null) return new Tensor(y, input.shape());
		boolean bool = dtype.equals("bool");
		for (int i = 0; i < y.length; i++) {
			if (bool) { y[i] = x[i] != 0 ? 1 : 0; continue; }
			double v = Float.isNaN(x[i]) ? 0 : (x[i] < 0 ? Math.ceil(x[i]) : Math.floor(x[i]));
			y[i] = (float) Math.min(r[1], Math.max(r[0], v));
		}
		return new Tensor(y, input.shape());
	}
}
