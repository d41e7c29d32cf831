package sc.fiji.convnet.predict;

import java.util.Arrays;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import sc.fiji.convnet.model.transform.ScaleRange;

/**
 * {@code (x − lo) / (hi − lo + eps)} per channel, the formula of bioimage.io's {@code scale_range} (and of
 * {@code model.transform.ScaleRange}), with lo and hi given — typically from {@link SampledPercentiles}.
 */
public final class ScaleRangeNormalizer implements TileNormalizer, java.io.Serializable {

	private final double[] low, scale;

	/** One (low, high) pair per channel. */
	public ScaleRangeNormalizer(double[] low, double[] high, double eps) {
		if (low.length != high.length || low.length == 0)
			throw new IllegalArgumentException("scale_range: " + low.length + " low and " + high.length + " high values; need one pair per channel");
		this.low = low.clone();
		this.scale = new double[high.length];
		for (int c = 0; c < low.length; c++) scale[c] = 1 / (high[c] - low[c] + eps);
	}

	/**
	 * A model's {@code scale_range} pre-processing for an {@code (x, y[, c])} image of any size, its percentiles
	 * from {@link SampledPercentiles} (exact up to 2^22 pixels per channel). Statistics over x and y give one pair
	 * per channel; over all axes (no axes given) is accepted for one channel only.
	 */
	public static ScaleRangeNormalizer of(ScaleRange transform, RandomAccessibleInterval<? extends RealType<?>> image) {
		int channels = image.numDimensions() == 3 ? (int) image.dimension(2) : 1;
		boolean perPlane = transform.over() != null && Set.of("x", "y").containsAll(transform.over()) && transform.over().containsAll(Set.of("x", "y"));
		boolean wholeSingleChannel = (transform.over() == null || Set.copyOf(transform.over()).equals(Set.of("x", "y", "c"))) && channels == 1;
		if (!perPlane && !wholeSingleChannel)
			throw new IllegalArgumentException("scale_range over " + transform.over() + " on an image with " + channels
					+ " channels: tiled prediction supports statistics over x and y (per channel)");
		return SampledPercentiles.of(image).scaleRange(transform.minPercentile(), transform.maxPercentile(), transform.eps());
	}

	@Override
	public void normalize(float[] values, int offset, int length, int channel) {
		if (channel >= low.length)
			throw new IllegalArgumentException("scale_range: channel " + channel + " but statistics for " + low.length + " channels only");
		double lo = low[channel], s = scale[channel];
		for (int i = offset, end = offset + length; i < end; i++) values[i] = Float.isFinite(values[i]) ? (float) ((values[i] - lo) * s) : 0f;
	}

	@Override
	public String toString() { return "ScaleRangeNormalizer[low " + Arrays.toString(low) + ", scale " + Arrays.toString(scale) + "]"; }
}
