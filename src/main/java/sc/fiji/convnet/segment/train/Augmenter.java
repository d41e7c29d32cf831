package sc.fiji.convnet.segment.train;

import sc.fiji.convnet.engine.kernels.PaddingMode;
import java.util.SplittableRandom;

/**
 * Random training crops that make the model robust to other microscopes: a random scale (other
 * pixel sizes and nucleus diameters), flips and 90° rotations, and intensity changes (gamma,
 * contrast, offset, noise) applied after the same percentile normalisation used at prediction time.
 * Images are sampled bilinearly and labels by nearest neighbour, mirrored at the borders.
 */
public final class Augmenter {

	private final int size;
	private final double minScale, maxScale;

	public Augmenter(int size, double minScale, double maxScale) {
		this.size = size;
		this.minScale = minScale;
		this.maxScale = maxScale;
	}

	/** A crop of {@code size}×{@code size}: normalised pixels into {@code image}, instance labels into {@code labels}. */
	public void crop(float[] normalized, int[] instances, int w, int h, SplittableRandom rng, float[] image, int[] labels, int offset) {
		double scale = Math.exp(Math.log(minScale) + rng.nextDouble() * (Math.log(maxScale) - Math.log(minScale)));
		double window = size / scale;
		double x0 = rng.nextDouble() * Math.max(0, w - window), y0 = rng.nextDouble() * Math.max(0, h - window);
		boolean flipX = rng.nextBoolean(), flipY = rng.nextBoolean(), transpose = rng.nextBoolean();
		for (int j = 0; j < size; j++)
			for (int i = 0; i < size; i++) {
				int u = flipX ? size - 1 - i : i, v = flipY ? size - 1 - j : j;
				if (transpose) { int t = u; u = v; v = t; }
				double sx = x0 + (u + 0.5) / scale - 0.5, sy = y0 + (v + 0.5) / scale - 0.5;
				image[offset + j * size + i] = bilinear(normalized, w, h, sx, sy);
				labels[offset + j * size + i] = instances[mirror((int) Math.round(sy), h) * w + mirror((int) Math.round(sx), w)];
			}
		// intensity: gamma on the positive part, contrast and offset, Gaussian noise
		double gamma = rng.nextDouble() < 0.5 ? Math.exp((rng.nextDouble() * 2 - 1) * 0.5) : 1;
		double contrast = 0.6 + 0.8 * rng.nextDouble(), shift = (rng.nextDouble() * 2 - 1) * 0.2;
		double noise = rng.nextDouble() < 0.5 ? rng.nextDouble() * 0.08 : 0;
		for (int k = 0; k < size * size; k++) {
			double v = image[offset + k];
			if (gamma != 1 && v > 0) v = Math.pow(v, gamma);
			v = v * contrast + shift;
			if (noise > 0) v += noise * gaussian(rng);
			image[offset + k] = (float) v;
		}
	}

	private static double gaussian(SplittableRandom rng) {
		double u = Math.max(rng.nextDouble(), 1e-12), v = rng.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	static int mirror(int i, int n) {
		return PaddingMode.REFLECT.sourceIndex(i, n);
	}

	private static float bilinear(float[] img, int w, int h, double x, double y) {
		int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
		double fx = x - x0, fy = y - y0;
		float a = img[mirror(y0, h) * w + mirror(x0, w)], b = img[mirror(y0, h) * w + mirror(x0 + 1, w)];
		float c = img[mirror(y0 + 1, h) * w + mirror(x0, w)], d = img[mirror(y0 + 1, h) * w + mirror(x0 + 1, w)];
		return (float) ((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy);
	}
}
