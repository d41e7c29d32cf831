package sc.fiji.convnet.engine.kernels;

/**
 * The input patches of one image (im2col), packed as panels for the matrix product of {@link VectorSmallPlanes}: the
 * output pixels in blocks of {@link #PIXELS}; panel pb holds, for every tap k = (ci·KH + ky)·KW + kx in turn, the
 * input values that tap reads for the block's pixels: a[pb·K·PIXELS + k·PIXELS + r] for pixel pb·PIXELS + r. Taps
 * in the padding, and pixels past the plane's end, are zero. Groups are not covered (one group only).
 */
final class PatchPanels {

	private PatchPanels() {}

	/** Pixels per panel: the rows of the micro-kernel. */
	static final int PIXELS = 8;

	static int blocks(ConvGeometry g) { return (g.oh * g.ow + PIXELS - 1) / PIXELS; }

	static int taps(ConvGeometry g) { return g.cin * g.kh * g.kw; }

	static int size(ConvGeometry g) { return blocks(g) * taps(g) * PIXELS; }

	/** Packs panels pb0..pb1−1 of image n of x into a. */
	static void pack(ConvGeometry g, float[] x, int n, int pb0, int pb1, float[] a) {
		int plane = g.oh * g.ow, taps = taps(g), hw = g.h * g.w;
		int[] iy0 = new int[PIXELS], ix0 = new int[PIXELS];
		for (int pb = pb0; pb < pb1; pb++) {
			for (int r = 0; r < PIXELS; r++) {
				int p = pb * PIXELS + r;
				// a pixel past the plane's end reads nothing: its row lies below every input row
				iy0[r] = p < plane ? p / g.ow * g.strideH - g.padTop : Integer.MIN_VALUE / 2;
				ix0[r] = p < plane ? p % g.ow * g.strideW - g.padLeft : 0;
			}
			int at = pb * taps * PIXELS;
			for (int ci = 0; ci < g.cin; ci++) {
				int channel = (n * g.cin + ci) * hw;
				for (int ky = 0; ky < g.kh; ky++)
					for (int kx = 0; kx < g.kw; kx++, at += PIXELS)
						for (int r = 0; r < PIXELS; r++) {
							int iy = iy0[r] + ky * g.dilationH, ix = ix0[r] + kx * g.dilationW;
							a[at + r] = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w ? x[channel + iy * g.w + ix] : 0f;
						}
			}
		}
	}
}
