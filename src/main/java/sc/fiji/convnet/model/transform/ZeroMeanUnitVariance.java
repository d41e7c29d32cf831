package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * {@code (x - mean) / (std + eps)} with mean and (population) standard deviation computed per sample over the given
 * axes, separately for every index of the other axes. Statistics accumulate in double.
 *
 * @param over axes to compute the statistics over; null for all axes
 */
public record ZeroMeanUnitVariance(List<String> over, double eps) implements Transformation {

	public static final String ID = "zero_mean_unit_variance";

	@Override
	public String id() { return ID; }

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		AxisGroups g = AxisGroups.of(input, axes, over, ID);
		float[] x = input.data();
		float[] y = new float[x.length];
		for (int o : g.outer) {
			double sum = 0;
			int n = 0;
			for (int i : g.inner) if (Float.isFinite(x[o + i])) { sum += x[o + i]; n++; }
			double mean = n == 0 ? 0 : sum / n;
			double sq = 0;
			for (int i : g.inner) if (Float.isFinite(x[o + i])) { double d = x[o + i] - mean; sq += d * d; }
			double std = n == 0 ? 0 : Math.sqrt(sq / n);
			double scale = 1 / (std + eps);
			for (int i : g.inner) y[o + i] = Float.isFinite(x[o + i]) ? (float) ((x[o + i] - mean) * scale) : 0f;
		}
		return new Tensor(y, input.shape());
	}
}
