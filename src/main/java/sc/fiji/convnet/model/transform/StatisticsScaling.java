package sc.fiji.convnet.model.transform;

import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * A step of the form {@code (x - offset) · scale} whose offset and scale are statistics of the values over some axes,
 * per index of the other axes ({@code scale_range}, {@code zero_mean_unit_variance}). NaN and infinite values are left
 * out of the statistics and become 0 in the output. The statistics are one function of the values, so that whoever
 * has the values by other means (e.g. a sample of an image too large to hold) computes the same step.
 */
public interface StatisticsScaling extends Transformation {

	/** The axes the statistics run over; null for all. */
	List<String> over();

	/** {offset, scale} for these finite values (a fresh array the step may reorder). */
	double[] offsetAndScale(float[] finite);

	@Override
	default Tensor apply(Tensor input, List<String> axes) {
		AxisGroups g = AxisGroups.of(input, axes, over(), id());
		float[] x = input.data();
		float[] y = new float[x.length];
		float[] values = new float[g.inner.length];
		for (int o : g.outer) {
			int n = 0;
			for (int i : g.inner) if (Float.isFinite(x[o + i])) values[n++] = x[o + i];
			double[] os = offsetAndScale(Arrays.copyOf(values, n));
			for (int i : g.inner) y[o + i] = Float.isFinite(x[o + i]) ? (float) ((x[o + i] - os[0]) * os[1]) : 0f;
		}
		return new Tensor(y, input.shape());
	}
}
