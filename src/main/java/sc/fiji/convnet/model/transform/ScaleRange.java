package sc.fiji.convnet.model.transform;

import java.util.Arrays;
import java.util.List;

/**
 * {@code (x - lo) / (hi - lo + eps)} where lo and hi are the given percentiles (0..100) of the values over the given
 * axes, per index of the other axes. Percentiles interpolate linearly between sorted values, as NumPy's default.
 * NaN and infinite values are left out of the statistics (as NumPy's {@code nanpercentile}) and become 0 (the low
 * percentile) in the output, so that a few bad pixels neither empty the result nor spread through a network.
 */
public record ScaleRange(List<String> over, double minPercentile, double maxPercentile, double eps) implements StatisticsScaling {

	public static final String ID = "scale_range";

	public ScaleRange {
		if (!(minPercentile >= 0 && minPercentile < maxPercentile && maxPercentile <= 100))
			throw new IllegalArgumentException(ID + ": need 0 <= min_percentile < max_percentile <= 100, got " + minPercentile + ", " + maxPercentile);
	}

	@Override
	public String id() { return ID; }

	@Override
	public double[] offsetAndScale(float[] finite) {
		float[] sorted = finite;
		Arrays.sort(sorted);
		double lo = sorted.length == 0 ? 0 : percentile(sorted, minPercentile), hi = sorted.length == 0 ? 1 : percentile(sorted, maxPercentile);
		return new double[] { lo, 1 / (hi - lo + eps) };
	}

	/** Linear interpolation between the closest ranks of sorted values. */
	static double percentile(float[] sorted, double p) {
		if (sorted.length == 0) return Double.NaN;
		double pos = p / 100 * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(lo + 1, sorted.length - 1);
		double f = pos - lo;
		return sorted[lo] + f * ((double) sorted[hi] - sorted[lo]);
	}
}
