package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * {@code (x - mean) / (std + eps)} with given mean and std: one value, or one per index along {@code axis}.
 */
public record FixedZeroMeanUnitVariance(double[] mean, double[] std, String axis, double eps) implements Transformation {

	public static final String ID = "fixed_zero_mean_unit_variance";

	@Override
	public String id() { return ID; }

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		if (mean.length != std.length) throw new IllegalArgumentException(ID + ": " + mean.length + " means but " + std.length + " stds");
		int[] idx = AxisGroups.indexAlong(input, axes, axis, mean.length, ID);
		float[] x = input.data();
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			int k = idx == null ? 0 : idx[i];
			y[i] = (float) ((x[i] - mean[k]) / (std[k] + eps));
		}
		return new Tensor(y, input.shape());
	}
}
