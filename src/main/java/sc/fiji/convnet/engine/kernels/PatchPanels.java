package sc.fiji.convnet.engine.kernels;

/**
 * The input patches of one image (im2col), packed as panels for the matrix product of {@link VectorSmallPlanes}: the
 * output pixels in blocks of {@link #PIXELS}; panel pb holds, for every tap k = (ci·KH + ky)·KW + kx in turn, the
 * input values that tap reads for the block's pixels: a[(pb − first)·K·PIXELS + k·PIXELS + r] for pixel pb·PIXELS + r,
 * where first is the first panel packed (a band of panels at a time). Taps in
 * the padding read zeros from a padded copy of the image, so the copying loop has no bounds tests. Pixels past the
 * plane's end repeat the panel's first pixel: their sums are computed but never written. One group only.
 */
final class PatchPanels {

	/** Pixels per panel: the rows of the micro-kernel. */
	static final int PIXELS = 8;

	private final ConvGeometry g;
	/** Padded plane size, and where image n's channel 0 starts in the source that {@link #source} returns. */
	final int paddedH, paddedW;

	PatchPanels(ConvGeometry g) {
		this.g = g;
		this.paddedH = g.h + g.padTop + g.padBottom;
		this.paddedW = g.w + g.padLeft + g.padRight;
	}

	static int blocks(ConvGeometry g) { return (g.oh * g.ow + PIXELS - 1) / PIXELS; }

	static int taps(ConvGeometry g) { return g.cin * g.kh * g.kw; }

	boolean padded() { return g.padTop + g.padLeft + g.padBottom + g.padRight > 0; }

	/** Size of the zero-padded copy of one image. */
	int paddedSize() { return g.cin * paddedH * paddedW; }

	/** Copies image n of x into the zero-padded planes of {@code padded} (all of whose borders are overwritten). */
	void pad(float[] x, int n, float[] padded) {
		java.util.Arrays.fill(padded, 0, paddedSize(), 0f);
		for (int ci = 0; ci < g.cin; ci++)
			for (int iy = 0; iy < g.h; iy++)
				System.arraycopy(x, ((n * g.cin + ci) * g.h + iy) * g.w, padded, (ci * paddedH + iy + g.padTop) * paddedW + g.padLeft, g.w);
	}

	/**
	 * Packs panels pb0..pb1−1 into a (panel first at a's start), reading the image from src at {@code start}: the padded
	 * copy (start 0) when the convolution pads, else x itself at image n's first value.
	 */
	void pack(float[] src, int start, int pb0, int pb1, int first, float[] a) {
		int plane = g.oh * g.ow, taps = taps(g), planeSize = paddedH * paddedW, kh = g.kh, kw = g.kw;
		int rowStep = g.dilationH * paddedW, colStep = g.dilationW;
		int[] off = new int[PIXELS];
		for (int pb = pb0; pb < pb1; pb++) {
			for (int r = 0; r < PIXELS; r++) {
				int p = pb * PIXELS + r < plane ? pb * PIXELS + r : pb * PIXELS;
				off[r] = start + p / g.ow * g.strideH * paddedW + p % g.ow * g.strideW;
			}
			int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5], o6 = off[6], o7 = off[7];
			int at = (pb - first) * taps * PIXELS;
			for (int ci = 0; ci < g.cin; ci++)
				for (int ky = 0; ky < kh; ky++)
					for (int kx = 0, t = ci * planeSize + ky * rowStep; kx < kw; kx++, t += colStep, at += PIXELS) {
						a[at] = src[t + o0];
						a[at + 1] = src[t + o1];
						a[at + 2] = src[t + o2];
						a[at + 3] = src[t + o3];
						a[at + 4] = src[t + o4];
						a[at + 5] = src[t + o5];
						a[at + 6] = src[t + o6];
						a[at + 7] = src[t + o7];
					}
		}
	}
}
