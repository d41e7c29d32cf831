package sc.fiji.convnet.filters;

import sc.fiji.convnet.engine.kernels.PaddingMode;

/**
 * Pads a batch of planes with made-up border pixels (reflect or replicate; zero padding is left to the
 * convolution kernels, which skip outside pixels), plane rows in parallel; the border rule is the
 * engine's {@link PaddingMode}.
 */
final class PlanePadding {

	private PlanePadding() {}

	/** The index inside [0, n) that {@code i} maps to under {@code mode} (REFLECT or REPLICATE). */
	static int source(int i, int n, PaddingMode mode) {
		return mode.sourceIndex(i, n);
	}

	/** {@code planes} planes of h×w become (h+top+bottom)×(w+left+right). */
	static float[] pad(float[] src, int planes, int h, int w, int top, int left, int bottom, int right,
			PaddingMode mode, int threads) {
		if (mode == PaddingMode.ZERO)
			throw new IllegalArgumentException("PlanePadding: zero padding is done by the kernels");
		int ph = h + top + bottom, pw = w + left + right;
		long total = (long) planes * ph * pw;
		if (total > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("Convolution2D: padded input " + planes + "×" + ph + "×" + pw
					+ " holds more than 2^31 values; process the image in tiles");
		float[] dst = new float[(int) total];
		int[] colSource = new int[pw];
		for (int x = 0; x < pw; x++) colSource[x] = source(x - left, w, mode);
		int rows = planes * ph;
		Parallel.forRange(rows, rows >= 256 ? threads : 1, (from, to) -> {
			for (int r = from; r < to; r++) {
				int p = r / ph, y = r % ph;
				int srcRow = p * h * w + source(y - top, h, mode) * w;
				int dstRow = r * pw;
				for (int x = 0; x < left; x++) dst[dstRow + x] = src[srcRow + colSource[x]];
				System.arraycopy(src, srcRow, dst, dstRow + left, w);
				for (int x = left + w; x < pw; x++) dst[dstRow + x] = src[srcRow + colSource[x]];
			}
		});
		return dst;
	}
}
