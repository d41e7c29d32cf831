package sc.fiji.convnet.segment;

import java.util.Arrays;

/**
 * Resize of a float plane: averaging over the source pixels when it shrinks, bilinear (maps) or bicubic
 * ({@link #resizeImage images}) when it grows. Shrinking gives the same numbers, to the last bit, as ImageJ 1.54's
 * {@code FloatProcessor.resize(w, h, true)} with bilinear interpolation; it runs separably (x, then y) with
 * triangle-kernel weights normalised per output pixel. Growing (also the growing axis after a shrink) samples with
 * pixel centres aligned exactly, where ImageJ shifts the content slightly; a one-pixel-wide or -high source is
 * interpolated along its length only, as in ImageJ.
 */
public final class PlaneResize {

	private PlaneResize() {}

	/** {@code pixels} (width×height) resampled to newWidth×newHeight, bilinear where it grows: for probability maps. */
	public static float[] resize(float[] pixels, int width, int height, int newWidth, int newHeight) {
		return resize(pixels, width, height, newWidth, newHeight, false);
	}

	/**
	 * An image resampled for a network: averaged where it shrinks, bicubic where it grows. Enlarged 4–8× (nuclei a
	 * few pixels across), bilinear interpolation draws each nucleus as a faceted pyramid, which the network reads
	 * less well than bicubic's rounded profile: on the DSB val splits shrunk 4×, 0.734 / 0.823 AP@0.5 against
	 * 0.706 / 0.811 (runs/nuclei-s13).
	 */
	public static float[] resizeImage(float[] pixels, int width, int height, int newWidth, int newHeight) {
		return resize(pixels, width, height, newWidth, newHeight, true);
	}

	private static float[] resize(float[] pixels, int width, int height, int newWidth, int newHeight, boolean bicubic) {
		if (pixels.length != width * height) throw new IllegalArgumentException("PlaneResize: " + pixels.length + " values for " + width + "×" + height);
		if (newWidth < 1 || newHeight < 1) throw new IllegalArgumentException("PlaneResize: target " + newWidth + "×" + newHeight);
		if (newWidth >= width && newHeight >= height) return grow(pixels, width, height, newWidth, newHeight, bicubic);
		float[] p = pixels;
		int w = width, h = height;
		if (newWidth < w) {
			p = shrink(p, w, h, newWidth, true);
			w = newWidth;
		}
		if (newHeight < h) {
			p = shrink(p, w, h, newHeight, false);
			h = newHeight;
		}
		return w == newWidth && h == newHeight ? p : grow(p, w, h, newWidth, newHeight, bicubic);
	}

	/**
	 * Bilinear sampling at the scaled pixel centres (also used when one axis keeps its size): output pixel x looks at
	 * source position (x + ½) / scale − ½, so an object keeps its place at any factor. (ImageJ's resize looks at
	 * x / scale − ¼ instead: content moves ¼ − ½ / scale source pixels up and left, up to a quarter pixel, which is
	 * felt by nuclei a few pixels across when the automatic diameter enlarges them 4–8×.)
	 */
	private static float[] grow(float[] pixels, int width, int height, int newWidth, int newHeight, boolean bicubic) {
		if (newWidth == width && newHeight == height) return pixels.clone();
		if (width == 1 || height == 1) return alongLine(pixels, width, height, newWidth, newHeight);
		if (bicubic) return bicubic(pixels, width, height, newWidth, newHeight);
		double xScale = (double) newWidth / width, yScale = (double) newHeight / height;
		double xLimit = width - 1.0, xLimit2 = width - 1.001;
		double yLimit = height - 1.0, yLimit2 = height - 1.001;
		double[] xs = new double[newWidth];
		for (int x = 0; x < newWidth; x++) {
			double v = (x + 0.5) / xScale - 0.5;
			if (v < 0.0) v = 0.0;
			if (v >= xLimit) v = xLimit2;
			xs[x] = v;
		}
		float[] out = new float[newWidth * newHeight];
		for (int y = 0; y < newHeight; y++) {
			double ys = (y + 0.5) / yScale - 0.5;
			if (ys < 0.0) ys = 0.0;
			if (ys >= yLimit) ys = yLimit2;
			int row = y * newWidth;
			for (int x = 0; x < newWidth; x++) out[row + x] = (float) bilinear(pixels, width, xs[x], ys);
		}
		return out;
	}

	/**
	 * Bicubic sampling (Keys' kernel with a = −½, as ImageJ's bicubic) at the same exactly aligned pixel centres;
	 * pixels beyond the border repeat the edge. Separable: the four taps and weights of each column and row are
	 * computed once.
	 */
	private static float[] bicubic(float[] pixels, int width, int height, int newWidth, int newHeight) {
		int[] xTaps = new int[4 * newWidth], yTaps = new int[4 * newHeight];
		double[] xWeights = new double[4 * newWidth], yWeights = new double[4 * newHeight];
		cubicTaps(width, newWidth, xTaps, xWeights);
		cubicTaps(height, newHeight, yTaps, yWeights);
		float[] out = new float[newWidth * newHeight];
		for (int y = 0; y < newHeight; y++)
			for (int x = 0; x < newWidth; x++) {
				double sum = 0;
				for (int j = 0; j < 4; j++) {
					int row = yTaps[4 * y + j] * width;
					double line = 0;
					for (int i = 0; i < 4; i++) line += xWeights[4 * x + i] * pixels[row + xTaps[4 * x + i]];
					sum += yWeights[4 * y + j] * line;
				}
				out[y * newWidth + x] = (float) sum;
			}
		return out;
	}

	/** Along one axis: the four source pixels (clamped to the edge) and weights of each new pixel. */
	private static void cubicTaps(int size, int newSize, int[] taps, double[] weights) {
		double scale = (double) newSize / size;
		for (int i = 0; i < newSize; i++) {
			double v = (i + 0.5) / scale - 0.5;
			int base = (int) Math.floor(v);
			for (int k = 0; k < 4; k++) {
				int src = base - 1 + k;
				taps[4 * i + k] = src < 0 ? 0 : src >= size ? size - 1 : src;
				weights[4 * i + k] = keys(v - src);
			}
		}
	}

	/** Keys' cubic convolution kernel with a = −½ (Catmull-Rom). */
	private static double keys(double t) {
		t = Math.abs(t);
		if (t < 1) return (1.5 * t - 2.5) * t * t + 1;
		if (t < 2) return ((-0.5 * t + 2.5) * t - 4) * t + 2;
		return 0;
	}

	/** Bilinear value at (x, y); a NaN neighbour is skipped when the point lies in the other half. */
	private static double bilinear(float[] pixels, int width, double x, double y) {
		int xBase = (int) x, yBase = (int) y;
		double xFraction = x - xBase, yFraction = y - yBase;
		int offset = yBase * width + xBase;
		double lowerLeft = pixels[offset], lowerRight = pixels[offset + 1];
		double upperRight = pixels[offset + width + 1], upperLeft = pixels[offset + width];
		double upper = mix(upperLeft, upperRight, xFraction);
		double lower = mix(lowerLeft, lowerRight, xFraction);
		return mix(lower, upper, yFraction);
	}

	private static double mix(double a, double b, double fraction) {
		if (Double.isNaN(a) && fraction >= 0.5) return b;
		if (Double.isNaN(b) && fraction < 0.5) return a;
		return a + fraction * (b - a);
	}

	/** A single row (or column) interpolated linearly end to end and repeated across the other axis. */
	private static float[] alongLine(float[] pixels, int width, int height, int newWidth, int newHeight) {
		boolean column = width == 1;
		int length = column ? height : width;
		int newLength = column ? newHeight : newWidth, copies = column ? newWidth : newHeight;
		float[] line = new float[length];
		System.arraycopy(pixels, 0, line, 0, length); // the first row, or the column (which is the whole plane)
		double scale = (double) (length - 1) / (newLength - 1);
		float[] resized = new float[newLength];
		for (int i = 0; i < newLength; i++) {
			int i0 = (int) (i * scale);
			int i1 = i0 + 1;
			if (i1 == length) i1 = length - 1;
			double fraction = i * scale - i0;
			resized[i] = (float) ((1.0 - fraction) * line[i0] + fraction * line[i1]);
		}
		float[] out = new float[newWidth * newHeight];
		if (column) {
			for (int y = 0; y < newHeight; y++) Arrays.fill(out, y * newWidth, (y + 1) * newWidth, resized[y]);
		} else {
			for (int y = 0; y < copies; y++) System.arraycopy(resized, 0, out, y * newWidth, newWidth);
		}
		return out;
	}

	/** Shrinks along x (or y) to {@code newSize} by triangle-kernel averaging. */
	private static float[] shrink(float[] pixels, int width, int height, int newSize, boolean alongX) {
		Weights t = new Weights(alongX ? width : height, newSize);
		int newWidth = alongX ? newSize : width, newHeight = alongX ? height : newSize;
		int srcPointInc = alongX ? 1 : width, srcLineInc = alongX ? width : 1;
		int dstPointInc = alongX ? 1 : newWidth, dstLineInc = alongX ? newWidth : 1;
		int lines = alongX ? height : width;
		float[] out = new float[newWidth * newHeight];
		for (int line = 0; line < lines; line++) {
			int dstOffset = line * dstLineInc;
			int k = 0;
			for (int s = t.srcStart, p = s * srcPointInc + line * srcLineInc; s <= t.srcEnd; s++, p += srcPointInc) {
				float v = pixels[p];
				for (int j = 0; j < Weights.KERNEL_SIZE; j++, k++) out[dstOffset + t.indices[k] * dstPointInc] += v * t.weights[k];
			}
		}
		return out;
	}

	/**
	 * For each source pixel along the axis, the (up to two) output pixels it feeds and with what weight: a
	 * triangle of half-width one output pixel, the weights of each output pixel summing to one.
	 */
	private static final class Weights {
		static final int KERNEL_SIZE = 2;
		final int srcStart, srcEnd;
		final int[] indices;
		final float[] weights;
		private final double scale;

		Weights(int srcSize, int dstSize) {
			scale = (double) srcSize / dstSize;
			srcStart = Math.max(0, (int) Math.ceil(1e-8 + srcIndex(-0.5 * KERNEL_SIZE)));
			int end = (int) Math.floor(1e-8 + srcIndex(dstSize - 1 + 0.5 * KERNEL_SIZE));
			srcEnd = end >= srcSize ? srcSize - 1 : end;
			int size = (srcEnd - srcStart + 1) * KERNEL_SIZE;
			indices = new int[size];
			weights = new float[size];
			Arrays.fill(indices, -1);
			for (int dst = 0; dst < dstSize; dst++) {
				double sum = 0;
				int lowest = (int) Math.ceil(1e-8 + srcIndex(dst - 0.5 * KERNEL_SIZE));
				int highest = (int) Math.floor(-1e-8 + srcIndex(dst + 0.5 * KERNEL_SIZE));
				for (int src = lowest; src <= highest; src++) {
					int s = src < 0 ? 0 : src >= srcSize ? srcSize - 1 : src;
					int p = (s - srcStart) * KERNEL_SIZE;
					while (indices[p] != -1 && indices[p] != dst) p++;
					indices[p] = dst;
					float weight = 1f - (float) Math.abs(dst - dstIndex(src));
					sum += weight;
					weights[p] += weight;
				}
				int from = Math.max(0, (lowest - srcStart) * KERNEL_SIZE);
				int to = Math.min(indices.length - 1, (highest - srcStart) * KERNEL_SIZE + KERNEL_SIZE - 1);
				for (int i = from; i <= to; i++) if (indices[i] == dst) weights[i] = (float) (weights[i] / sum);
			}
			for (int i = 0; i < size; i++) if (indices[i] == -1) indices[i] = 0;
		}

		private double srcIndex(double dst) { return -0.5 + (dst + 0.5) * scale; }

		private double dstIndex(int src) { return (src + 0.5) / scale - 0.5; }
	}
}
