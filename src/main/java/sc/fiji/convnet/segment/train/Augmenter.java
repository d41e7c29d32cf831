package sc.fiji.convnet.segment.train;

import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.segment.PlaneResize;
import java.util.SplittableRandom;

/**
 * Random training crops that make the model robust to other microscopes: a given zoom (other pixel
 * sizes and nucleus diameters), flips and 90° rotations, a coarser recording enlarged back (what the segmenter
 * makes of an image whose nuclei are a few pixels across), and intensity changes (gamma, contrast,
 * offset, blur, noise) applied after the same percentile normalisation used at prediction time.
 * Images are sampled bilinearly and labels by nearest neighbour, mirrored at the borders.
 */
public final class Augmenter {

	private final int size;
	private final double minScale, maxScale;
	private boolean augment = true;

	/** Crops of {@code size}×{@code size}; {@link #crop} draws its zoom log-uniformly from [minScale, maxScale]. */
	public Augmenter(int size, double minScale, double maxScale) {
		this.size = size;
		this.minScale = minScale;
		this.maxScale = maxScale;
	}

	/** With {@code false} crops are only zoomed: no flips, rotations, coarsening, blur or intensity changes. */
	public Augmenter augment(boolean on) {
		this.augment = on;
		return this;
	}

	/** A crop at a random zoom of the constructor's range, anywhere in the image. */
	public void crop(float[] normalized, int[] instances, int w, int h, SplittableRandom rng, float[] image, int[] labels, int offset) {
		double scale = Math.exp(Math.log(minScale) + rng.nextDouble() * (Math.log(maxScale) - Math.log(minScale)));
		crop(normalized, instances, w, h, scale, -1, rng, image, labels, offset);
	}

	/**
	 * A crop of {@code size}×{@code size} at {@code scale} (output pixels per image pixel): normalised
	 * pixels into {@code image}, instance labels into {@code labels}. With {@code focus} ≥ 0 (a pixel
	 * index) the crop window holds that pixel, else it lies anywhere.
	 */
	public void crop(float[] normalized, int[] instances, int w, int h, double scale, int focus, SplittableRandom rng, float[] image, int[] labels,
			int offset) {
		double window = size / scale;
		double x0, y0;
		if (focus >= 0) {
			x0 = focus % w - rng.nextDouble() * window;
			y0 = focus / w - rng.nextDouble() * window;
			x0 = Math.max(Math.min(x0, w - window), 0);
			y0 = Math.max(Math.min(y0, h - window), 0);
			if (window > w) x0 = (w - window) / 2;
			if (window > h) y0 = (h - window) / 2;
		} else {
			x0 = window >= w ? (w - window) / 2 : rng.nextDouble() * (w - window);
			y0 = window >= h ? (h - window) / 2 : rng.nextDouble() * (h - window);
		}
		boolean flipX = augment && rng.nextBoolean(), flipY = augment && rng.nextBoolean(), transpose = augment && rng.nextBoolean();
		for (int j = 0; j < size; j++)
			for (int i = 0; i < size; i++) {
				int u = flipX ? size - 1 - i : i, v = flipY ? size - 1 - j : j;
				if (transpose) { int t = u; u = v; v = t; }
				double sx = x0 + (u + 0.5) / scale - 0.5, sy = y0 + (v + 0.5) / scale - 0.5;
				image[offset + j * size + i] = bilinear(normalized, w, h, sx, sy);
				labels[offset + j * size + i] = instances[mirror((int) Math.round(sy), h) * w + mirror((int) Math.round(sx), w)];
			}
		if (!augment) return;
		// pixels: a fifth of the crops recorded 1.5-4 times coarser and enlarged back, as the segmenter enlarges an image
		// of tiny nuclei to the training size; the labels stay fine, so the network learns to draw them from the coarse image
		if (rng.nextDouble() < COARSE_SHARE) coarsen(image, offset, size, Math.exp(Math.log(1.5) + rng.nextDouble() * Math.log(4 / 1.5)));
		// optics: a defocus blur on a quarter of the crops
		if (rng.nextDouble() < 0.25) blur(image, offset, size, 0.5 + 1.5 * rng.nextDouble());
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

	/** Share of the crops {@link #coarsen coarsened}. */
	static final double COARSE_SHARE = 0.2;

	/** One size×size plane shrunk {@code factor} times and enlarged back in place, with the segmenter's own resampling. */
	static void coarsen(float[] image, int offset, int size, double factor) {
		int small = Math.max(4, (int) Math.round(size / factor));
		float[] plane = java.util.Arrays.copyOfRange(image, offset, offset + size * size);
		float[] back = PlaneResize.resizeImage(PlaneResize.resizeImage(plane, size, size, small, small), small, small, size, size);
		System.arraycopy(back, 0, image, offset, size * size);
	}

	/** Separable Gaussian blur of one size×size plane in place, mirrored at the borders. */
	static void blur(float[] image, int offset, int size, double sigma) {
		int r = (int) Math.ceil(3 * sigma);
		float[] kernel = new float[2 * r + 1];
		double sum = 0;
		for (int k = -r; k <= r; k++) sum += kernel[k + r] = (float) Math.exp(-k * k / (2 * sigma * sigma));
		for (int k = 0; k < kernel.length; k++) kernel[k] /= sum;
		float[] row = new float[size * size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				double v = 0;
				for (int k = -r; k <= r; k++) v += kernel[k + r] * image[offset + y * size + mirror(x + k, size)];
				row[y * size + x] = (float) v;
			}
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				double v = 0;
				for (int k = -r; k <= r; k++) v += kernel[k + r] * row[mirror(y + k, size) * size + x];
				image[offset + y * size + x] = (float) v;
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
