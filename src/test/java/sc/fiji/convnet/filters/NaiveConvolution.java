package sc.fiji.convnet.filters;

import sc.fiji.convnet.engine.kernels.PaddingMode;

/**
 * The textbook definition of a padded, strided 2-D cross-correlation, in double precision, written
 * independently of the code under test (padding by walking back into the image step by step).
 */
final class NaiveConvolution {

	private NaiveConvolution() {}

	/** Pixel (x, y) of a w×h plane with made-up values outside; NaN means "zero padding". */
	static double pixel(float[] img, int w, int h, int x, int y, PaddingMode mode) {
		if (x >= 0 && x < w && y >= 0 && y < h) return img[y * w + x];
		switch (mode) {
		case ZERO:
			return 0;
		case REPLICATE:
			return img[clamp(y, h) * w + clamp(x, w)];
		default:
			return img[bounce(y, h) * w + bounce(x, w)];
		}
	}

	private static int clamp(int i, int n) { return i < 0 ? 0 : i >= n ? n - 1 : i; }

	/** Mirror about the edge pixels (not repeated) until inside. */
	private static int bounce(int i, int n) {
		if (n == 1) return 0;
		while (i < 0 || i >= n) {
			if (i < 0) i = -i;
			if (i >= n) i = 2 * (n - 1) - i;
		}
		return i;
	}

	/** Returns {out, outWidth, outHeight} as double[] plus sizes. */
	static double[] convolve(float[] img, int w, int h, Kernel2D k, PaddingMode mode, OutputSize out, int sy, int sx, int[] outSize) {
		int kw = k.width(), kh = k.height();
		int offX = out == OutputSize.SAME ? (kw - 1) / 2 : 0, offY = out == OutputSize.SAME ? (kh - 1) / 2 : 0;
		int spanW = out == OutputSize.SAME ? w : w - kw + 1, spanH = out == OutputSize.SAME ? h : h - kh + 1;
		int ow = (spanW + sx - 1) / sx, oh = (spanH + sy - 1) / sy;
		double[] r = new double[ow * oh];
		for (int oy = 0; oy < oh; oy++)
			for (int ox = 0; ox < ow; ox++) {
				double s = 0;
				for (int j = 0; j < kh; j++)
					for (int i = 0; i < kw; i++)
						s += k.get(i, j) * pixel(img, w, h, ox * sx + i - offX, oy * sy + j - offY, mode);
				r[oy * ow + ox] = s;
			}
		outSize[0] = ow;
		outSize[1] = oh;
		return r;
	}
}
