package sc.fiji.convnet.detect.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;

/**
 * Random square training crops with their boxes: a random scale (log-uniform in [minScale, maxScale]
 * around the training input scale), random position, horizontal and vertical flips, a transpose (cells
 * have no preferred orientation) and colour changes (per-channel gain, brightness, contrast). Boxes are
 * mapped with the same transform and clipped to the crop; a box keeps its place when at least
 * {@code minVisible} of its area remains. A crop may be centred near a chosen box (class-balanced sampling).
 */
public final class DetectionAugmenter {

	private final int size;
	private final double minScale, maxScale, minVisible = 0.45;

	public DetectionAugmenter(int size, double minScale, double maxScale) {
		this.size = size;
		this.minScale = minScale;
		this.maxScale = maxScale;
	}

	/**
	 * Fills {@code input} at sample {@code n} (N×3×size×size, normalised) from {@code image} (already at the
	 * training input scale, boxes in its pixels); returns the crop's boxes.
	 */
	public List<Box> crop(RgbImage image, List<Box> boxes, SplittableRandom rng, float[] input, int n) {
		return crop(image, boxes, null, rng, input, n);
	}

	/**
	 * As above; a {@code focus} box (or null) has its centre inside the crop, in the central 70 % of the
	 * window, so that training can show rare classes (platelets) as often as common ones.
	 */
	public List<Box> crop(RgbImage image, List<Box> boxes, Box focus, SplittableRandom rng, float[] input, int n) {
		double scale = Math.exp(Math.log(minScale) + rng.nextDouble() * (Math.log(maxScale) - Math.log(minScale)));
		double window = size / scale;
		double ru = rng.nextDouble(), rv = rng.nextDouble();
		double x0 = (image.width() - window) * ru, y0 = (image.height() - window) * rv;
		if (focus != null) {
			x0 = within(focus.centreX() - window * (0.15 + 0.7 * ru), image.width() - window);
			y0 = within(focus.centreY() - window * (0.15 + 0.7 * rv), image.height() - window);
		}
		if (window > image.width()) x0 = (image.width() - window) / 2;
		if (window > image.height()) y0 = (image.height() - window) / 2;
		boolean flipX = rng.nextBoolean(), flipY = rng.nextBoolean(), transpose = rng.nextBoolean();
		double brightness = (rng.nextDouble() - 0.5) * 0.16, contrast = 1 + (rng.nextDouble() - 0.5) * 0.4;
		double[] gain = new double[3];
		for (int c = 0; c < 3; c++) gain[c] = 1 + (rng.nextDouble() - 0.5) * 0.2;
		int plane = size * size, base = n * 3 * plane;
		for (int j = 0; j < size; j++)
			for (int i = 0; i < size; i++) {
				// output (i, j) ← crop pixel (a, b) after flips and transpose
				int a = flipX ? size - 1 - i : i, b = flipY ? size - 1 - j : j;
				if (transpose) { int t = a; a = b; b = t; }
				double u = x0 + (a + 0.5) / scale - 0.5, v = y0 + (b + 0.5) / scale - 0.5;
				for (int c = 0; c < 3; c++) {
					double value = image.sample(c, u, v) * gain[c];
					value = (value - 0.5) * contrast + 0.5 + brightness;
					input[base + c * plane + j * size + i] = RgbImage.normalize((float) value);
				}
			}
		List<Box> out = new ArrayList<>();
		for (Box b : boxes) {
			Box m = b.mapped(scale, scale, -x0 * scale, -y0 * scale);
			if (transpose) m = new Box(m.label(), m.score(), m.y(), m.x(), m.height(), m.width(), m.difficult());
			out.add(m);
		}
		List<Box> result = new ArrayList<>();
		for (Box m : out) {
			// output (i, j) shows crop (A(i), B(j)), or (B(j), A(i)) when transposed: transpose first, then the flips mirror output x and y
			Box f = m;
			if (flipX) f = new Box(f.label(), f.score(), size - f.x2(), f.y(), f.width(), f.height(), f.difficult());
			if (flipY) f = new Box(f.label(), f.score(), f.x(), size - f.y2(), f.width(), f.height(), f.difficult());
			Box c = f.clipped(size, size);
			if (f.area() > 0 && c.area() >= minVisible * f.area()) result.add(c);
		}
		return result;
	}

	private static double within(double x0, double max) { return Math.max(0, Math.min(max, x0)); }
}
