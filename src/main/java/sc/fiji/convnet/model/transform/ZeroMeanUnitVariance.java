package sc.fiji.convnet.model.transform;

import java.util.List;


/**
 * {@code (x - mean) / (std + eps)} with mean and (population) standard deviation computed per sample over the given
 * axes, separately for every index of the other axes. Statistics accumulate in double.
 *
 * @param over axes to compute the statistics over; null for all axes
 */
public record ZeroMeanUnitVariance(List<String> over, double eps) implements StatisticsScaling {

	public static final String ID = "zero_mean_unit_variance";

	@Override
	public String id() { return ID; }

	@Override
	public double[] offsetAndScale(float[] finite) {
		double sum = 0;
		for (float v : finite) sum += v;
		double mean = finite.length == 0 ? 0 : sum / finite.length, sq = 0;
		for (float v : finite) { double d = v - mean; sq += d * d; }
		double std = finite.length == 0 ? 0 : Math.sqrt(sq / finite.length);
		return new double[] { mean, 1 / (std + eps) };
	}
}
