package sc.fiji.convnet.predict;

import java.util.Arrays;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Percentiles of an image of any size, per channel, from a deterministic sample of at most
 * {@code maxSamples} pixels per channel (default {@link #DEFAULT_MAX_SAMPLES} = 2^22).
 * <p>
 * <b>The sample.</b> The image is {@code (x, y[, c])}. The stride {@code s} is the smallest integer with
 * {@code ⌈W/s⌉·⌈H/s⌉ ≤ maxSamples}; the sample is the regular grid of pixels
 * {@code (minX + o + i·s, minY + o + j·s)} with {@code o = ⌊(s−1)/2⌋} (centred in each s×s block), the same
 * grid in every channel. An image with at most {@code maxSamples} pixels has {@code s = 1}: all of them, so
 * the percentiles are exact. The sample reads every row-block once, so a cell image is read once, in order.
 * <p>
 * <b>Percentiles</b> interpolate linearly between the sorted sample values (NumPy's default rule, as
 * {@code scale_range} in bioimage.io). For a sampled image, the returned value's rank in the full image
 * is off by about {@code sqrt(p(1−p)/n)} for n samples when the image's values vary on scales shorter than s
 * (noise), and less on smooth images; tests check {@code 4·sqrt(p(1−p)/n) + 2/n}.
 */
public final class SampledPercentiles {

	public static final int DEFAULT_MAX_SAMPLES = 1 << 22;

	private final float[][] sorted;
	private final long stride;

	private SampledPercentiles(float[][] sorted, long stride) {
		this.sorted = sorted;
		this.stride = stride;
	}

	public static SampledPercentiles of(RandomAccessibleInterval<? extends RealType<?>> image) {
		return of(image, DEFAULT_MAX_SAMPLES);
	}

	public static SampledPercentiles of(RandomAccessibleInterval<? extends RealType<?>> image, int maxSamples) {
		int nd = image.numDimensions();
		if (nd != 2 && nd != 3) throw new IllegalArgumentException("SampledPercentiles: need an (x, y[, c]) image, got " + nd + " dimensions");
		if (maxSamples < 1) throw new IllegalArgumentException("SampledPercentiles: maxSamples must be positive, got " + maxSamples);
		long w = image.dimension(0), h = image.dimension(1);
		int channels = nd == 3 ? Math.toIntExact(image.dimension(2)) : 1;
		long s = stride(w, h, maxSamples);
		long offset = (s - 1) / 2;
		int nx = (int) ((w - 1 - offset) / s + 1), ny = (int) ((h - 1 - offset) / s + 1);
		float[][] samples = new float[channels][nx * ny];
		RandomAccess<? extends RealType<?>> ra = image.randomAccess();
		for (int c = 0; c < channels; c++) {
			if (nd == 3) ra.setPosition(image.min(2) + c, 2);
			int k = 0;
			for (int j = 0; j < ny; j++) {
				ra.setPosition(image.min(1) + offset + j * s, 1);
				for (int i = 0; i < nx; i++) {
					ra.setPosition(image.min(0) + offset + i * s, 0);
					float v = ra.get().getRealFloat();
					if (Float.isFinite(v)) samples[c][k++] = v; // NaN and ±Inf are left out of the statistics
				}
			}
			if (k < samples[c].length) samples[c] = Arrays.copyOf(samples[c], Math.max(k, 1)); // all bad: one 0
			Arrays.sort(samples[c]);
		}
		return new SampledPercentiles(samples, s);
	}

	/** The smallest stride whose grid has at most {@code maxSamples} points. */
	static long stride(long w, long h, int maxSamples) {
		long s = Math.max(1, (long) Math.floor(Math.sqrt((double) w * (double) h / maxSamples)));
		while (TileGrid.ceilDiv(w, s) * TileGrid.ceilDiv(h, s) > maxSamples) s++;
		return s;
	}

	/** Sampling step along x and y (1: every pixel). */
	public long stride() { return stride; }

	public int channels() { return sorted.length; }

	/** Number of sampled pixels per channel. */
	public int sampleCount() { return sorted[0].length; }

	/** A copy of one channel's sampled values, sorted (non-finite values left out). */
	public float[] sortedSample(int channel) { return sorted[channel].clone(); }

	/** The p-th percentile (0…100) of one channel. */
	public double percentile(int channel, double p) {
		if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("SampledPercentiles: percentile " + p + " outside [0, 100]");
		float[] v = sorted[channel];
		double pos = p / 100 * (v.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(lo + 1, v.length - 1);
		return v[lo] + (pos - lo) * ((double) v[hi] - v[lo]);
	}
}
