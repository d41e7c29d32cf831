package sc.fiji.convnet.predict;

import java.util.Arrays;

/**
 * {@code (x − lo) / (hi − lo + eps)} per channel, the formula of bioimage.io's {@code scale_range} (and of
 * {@code model.transform.ScaleRange}), with lo and hi given — typically from {@link SampledPercentiles}.
 */
public final class ScaleRangeNormalizer implements TileNormalizer {

	private final double[] low, scale;

	/** One (low, high) pair per channel. */
	public ScaleRangeNormalizer(double[] low, double[] high, double eps) {
		if (low.length != high.length || low.length == 0)
			throw new IllegalArgumentException("scale_range: " + low.length + " low and " + high.length + " high values; need one pair per channel");
		this.low = low.clone();
		this.scale = new double[high.length];
		for (int c = 0; c < low.length; c++) scale[c] = 1 / (high[c] - low[c] + eps);
	}

	@Override
	public void normalize(float[] values, int offset, int length, int channel) {
		if (channel >= low.length)
			throw new IllegalArgumentException("scale_range: channel " + channel + " but statistics for " + low.length + " channels only");
		double lo = low[channel], s = scale[channel];
		for (int i = offset, end = offset + length; i < end; i++) values[i] = (float) ((values[i] - lo) * s);
	}

	@Override
	public String toString() { return "ScaleRangeNormalizer[low " + Arrays.toString(low) + ", scale " + Arrays.toString(scale) + "]"; }
}
