package sc.fiji.convnet.filters;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Max and average pooling of planes (Bishop section 10.2.5): each output pixel summarises a
 * size×size window, windows {@code stride} pixels apart. Only whole windows are used, so the output has
 * ⌊(H − size)/stride⌋ + 1 rows (what network pooling layers do by default).
 */
public final class Pooling {

	private Pooling() {}

	public enum Mode { MAX, AVERAGE }

	/** Every plane of an N×C×H×W tensor. */
	public static Tensor pool(Tensor x, Mode mode, int size, int stride) {
		if (x == null || x.rank() != 4)
			throw new IllegalArgumentException("Pooling: expected an N×C×H×W tensor, got " + (x == null ? "none" : "shape " + x.shapeString()));
		int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
		check(h, w, size, stride);
		float[] y = pool(x.data(), n * c, h, w, mode, size, stride);
		return new Tensor(y, n, c, outputLength(h, size, stride), outputLength(w, size, stride));
	}

	/** ⌊(n − size)/stride⌋ + 1. */
	public static int outputLength(int n, int size, int stride) { return (n - size) / stride + 1; }

	private static void check(int h, int w, int size, int stride) {
		if (size < 1 || stride < 1)
			throw new IllegalArgumentException("Pooling: window size and stride must be at least 1, got size " + size + ", stride " + stride);
		if (size > h || size > w)
			throw new IllegalArgumentException("Pooling: a " + size + "×" + size + " window does not fit the image " + w + "×" + h);
	}

	private static float[] pool(float[] x, int planes, int h, int w, Mode mode, int size, int stride) {
		int oh = outputLength(h, size, stride), ow = outputLength(w, size, stride);
		float[] y = new float[planes * oh * ow];
		float inv = 1f / (size * size);
		for (int p = 0; p < planes; p++) {
			int in = p * h * w, out = p * oh * ow;
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					int base = in + oy * stride * w + ox * stride;
					float r;
					if (mode == Mode.MAX) {
						r = Float.NEGATIVE_INFINITY;
						for (int ky = 0; ky < size; ky++)
							for (int kx = 0; kx < size; kx++) r = Math.max(r, x[base + ky * w + kx]);
					} else {
						float s = 0;
						for (int ky = 0; ky < size; ky++)
							for (int kx = 0; kx < size; kx++) s += x[base + ky * w + kx];
						r = s * inv;
					}
					y[out + oy * ow + ox] = r;
				}
		}
		return y;
	}
}
