package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/** {@code gain · x + offset}: one gain/offset, or one per index along {@code axis}. */
public record ScaleLinear(double[] gain, double[] offset, String axis) implements Transformation {

	public static final String ID = "scale_linear";

	@Override
	public String id() { return ID; }

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		int n = Math.max(gain.length, offset.length);
		if ((gain.length != 1 && gain.length != n) || (offset.length != 1 && offset.length != n))
			throw new IllegalArgumentException(ID + ": " + gain.length + " gains and " + offset.length + " offsets do not pair up");
		int[] idx = AxisGroups.indexAlong(input, axes, axis, n, ID);
		float[] x = input.data();
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			int k = idx == null ? 0 : idx[i];
			y[i] = (float) (gain[gain.length == 1 ? 0 : k] * x[i] + offset[offset.length == 1 ? 0 : k]);
		}
		return new Tensor(y, input.shape());
	}
}
