package sc.fiji.convnet.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * Val images as another microscope might record them, for {@link RescaledValEvaluation}'s {@code --condition}: each
 * condition is one thing that differs between widefield set-ups and is not in the DSB images. Strengths are relative
 * to the image's own range (0.5–99.5 percentiles, "range") and nucleus size, so that they mean the same on every image;
 * the noise is seeded by the image id, so a condition gives the same pixels on every run. Labels are unchanged.
 * <ul>
 * <li>{@code shading}: illumination falling off to 40 % in the corners (multiplies background and nuclei);
 * <li>{@code background}: an additive ramp from 0 to 0.4 × range across the image (autofluorescence, stray light);
 * <li>{@code haze}: out-of-focus light, the image blurred over three nucleus diameters added at half strength;
 * <li>{@code defocus}: a Gaussian blur of 0.15 nucleus diameters;
 * <li>{@code shot}: photon noise, the range mapped to 30 photons over a background of 5, Poisson sampled.
 * </ul>
 */
final class MicroscopeConditions {

	static final String NAMES = "none, shading, background, haze, defocus, shot";

	private MicroscopeConditions() {}

	static NucleiSample apply(String condition, NucleiSample v) {
		if (condition.equals("none")) return v;
		int w = v.width(), h = v.height();
		float[] p = v.pixels().clone();
		float[] sorted = p.clone();
		Arrays.sort(sorted);
		double low = sorted[(int) (0.005 * (sorted.length - 1))], high = sorted[(int) (0.995 * (sorted.length - 1))];
		double range = Math.max(high - low, 1e-6), d = Math.max(v.medianDiameter(), 4);
		SplittableRandom rng = new SplittableRandom(v.id().hashCode());
		switch (condition) {
			case "shading" -> {
				double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, r2 = cx * cx + cy * cy;
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) p[y * w + x] *= (float) (1 - 0.6 * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / r2);
			}
			case "background" -> {
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) p[y * w + x] += (float) (0.4 * range * (x + y) / Math.max(1, w + h - 2));
			}
			case "haze" -> {
				float[] far = blur(p, w, h, 3 * d);
				for (int k = 0; k < p.length; k++) p[k] += 0.5f * far[k];
			}
			case "defocus" -> p = blur(p, w, h, 0.15 * d);
			case "shot" -> {
				for (int k = 0; k < p.length; k++) p[k] = poisson(5 + 30 * Math.max(0, p[k] - low) / range, rng);
			}
			default -> throw new IllegalArgumentException("unknown condition " + condition + " (one of " + NAMES + ")");
		}
		return new NucleiSample(v.id(), w, h, p, v.labels());
	}

	/** Separable Gaussian blur, mirrored at the borders. */
	static float[] blur(float[] image, int w, int h, double sigma) {
		int r = (int) Math.ceil(3 * sigma);
		double[] kernel = new double[2 * r + 1];
		double sum = 0;
		for (int k = -r; k <= r; k++) sum += kernel[k + r] = Math.exp(-k * k / (2 * sigma * sigma));
		for (int k = 0; k < kernel.length; k++) kernel[k] /= sum;
		float[] rows = new float[w * h], out = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int k = -r; k <= r; k++) s += kernel[k + r] * image[y * w + mirror(x + k, w)];
				rows[y * w + x] = (float) s;
			}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int k = -r; k <= r; k++) s += kernel[k + r] * rows[mirror(y + k, h) * w + x];
				out[y * w + x] = (float) s;
			}
		return out;
	}

	private static int mirror(int i, int n) {
		if (n == 1) return 0;
		int period = 2 * n - 2;
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	/** Knuth's product method; means here stay below 40, so it is exact and quick. */
	private static float poisson(double mean, SplittableRandom rng) {
		double limit = Math.exp(-mean), product = rng.nextDouble();
		int k = 0;
		while (product > limit) { product *= rng.nextDouble(); k++; }
		return k;
	}
}
