package sc.fiji.convnet.predict;

import java.util.Arrays;

/**
 * Percentile normalisation computed once over the whole image (never per tile, so tiles cannot
 * disagree): v' = (v − p_low) / (p_high − p_low). For images above {@link #MAX_SAMPLES} pixels the
 * percentiles come from a regular sample of every k-th pixel, which is deterministic.
 */
public final class Normalization {

	/** Largest number of pixels sorted to find the percentiles. */
	public static final int MAX_SAMPLES = 1 << 22;

	private final double low, high;

	private Normalization(double low, double high) {
		this.low = low;
		this.high = high;
	}

	public static Normalization percentiles(float[] pixels, double lowPercent, double highPercent) {
		if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100))
			throw new IllegalArgumentException("Normalization: percentiles must satisfy 0 ≤ low < high ≤ 100, got " + lowPercent + ", " + highPercent);
		int step = Math.max(1, (int) Math.ceil(pixels.length / (double) MAX_SAMPLES));
		float[] sample = new float[(pixels.length + step - 1) / step];
		int k = 0;
		for (int i = 0; i < pixels.length; i += step) sample[k++] = pixels[i];
		sample = Arrays.copyOf(sample, k);
		Arrays.sort(sample);
		return new Normalization(quantile(sample, lowPercent / 100), quantile(sample, highPercent / 100));
	}

	/** Linear interpolation between order statistics (numpy's default rule). */
	static double quantile(float[] sorted, double q) {
		if (sorted.length == 0) throw new IllegalArgumentException("Normalization: empty image");
		double pos = q * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		int j = Math.min(i + 1, sorted.length - 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}

	public double low() { return low; }
	public double high() { return high; }

	/** Normalised copy of the pixels. */
	public float[] apply(float[] pixels) {
		float[] out = new float[pixels.length];
		double range = high - low;
		double scale = range > 1e-12 ? 1 / range : 1;
		for (int i = 0; i < pixels.length; i++) out[i] = (float) ((pixels[i] - low) * scale);
		return out;
	}
}
