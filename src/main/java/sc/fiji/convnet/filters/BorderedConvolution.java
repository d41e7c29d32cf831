package sc.fiji.convnet.filters;

import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ConvKernels;

/**
 * Runs the engine's zero-padded convolution and, for reflect or replicate borders, recomputes only the
 * output pixels whose window leaves the image: four thin strips padded on their own. This avoids
 * copying the whole image into a padded one, which would cost as much memory traffic as a fast 3×3
 * convolution itself.
 */
final class BorderedConvolution {

	private final ConvKernels engine;
	private final PaddingMode mode;
	private final int n, cin, h, w, cout, kh, kw, sy, sx, groups;
	private final int top, left, bottom, right;
	private final int threads;

	/** x N×C_in×H×W, weights C_out×(C_in/groups)×KH×KW, padded by the given amounts, strided. */
	BorderedConvolution(ConvKernels engine, PaddingMode mode, int n, int cin, int h, int w, int cout, int kh, int kw,
			int sy, int sx, int groups, int top, int left, int bottom, int right, int threads) {
		this.engine = engine;
		this.mode = mode;
		this.n = n; this.cin = cin; this.h = h; this.w = w;
		this.cout = cout; this.kh = kh; this.kw = kw;
		this.sy = sy; this.sx = sx; this.groups = groups;
		this.top = top; this.left = left; this.bottom = bottom; this.right = right;
		this.threads = threads;
	}

	float[] run(float[] x, float[] weights) {
		ConvGeometry g = new ConvGeometry(n, cin, h, w, cout, kh, kw, sy, sx, 1, 1, top, left, bottom, right, groups);
		long size = g.outputSize();
		if (size > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("Convolution2D: output " + g + " holds more than 2^31 values; process the image in tiles");
		int oh = g.oh, ow = g.ow;
		// output rows [r0, r1) and columns [c0, c1) see only pixels inside the image
		int r0 = ceilDiv(top, sy), r1 = Math.min(oh, Math.floorDiv(h - kh + top, sy) + 1);
		int c0 = ceilDiv(left, sx), c1 = Math.min(ow, Math.floorDiv(w - kw + left, sx) + 1);
		boolean padded = mode != PaddingMode.ZERO && top + left + bottom + right > 0;
		if (padded && (r0 >= r1 || c0 >= c1)) {
			// no inside at all (kernel about as large as the image): pad everything, it is small
			float[] xp = PlanePadding.pad(x, n * cin, h, w, top, left, bottom, right, mode, threads);
			ConvGeometry gp = new ConvGeometry(n, cin, h + top + bottom, w + left + right, cout, kh, kw, sy, sx, 1, 1, 0, 0, 0, 0, groups);
			float[] y = new float[(int) size];
			engine.forward(gp, xp, weights, null, y, threads);
			return y;
		}
		float[] y = new float[(int) size];
		engine.forward(g, x, weights, null, y, threads);
		if (padded) {
			redo(x, weights, y, oh, ow, 0, r0, 0, ow);   // top band
			redo(x, weights, y, oh, ow, r1, oh, 0, ow);  // bottom band
			redo(x, weights, y, oh, ow, r0, r1, 0, c0);  // left band
			redo(x, weights, y, oh, ow, r0, r1, c1, ow); // right band
		}
		return y;
	}

	/** Recomputes output rows [oy0, oy1) × columns [ox0, ox1) from a padded strip of the input. */
	private void redo(float[] x, float[] weights, float[] y, int oh, int ow, int oy0, int oy1, int ox0, int ox1) {
		if (oy0 >= oy1 || ox0 >= ox1) return;
		int rows = oy1 - oy0, cols = ox1 - ox0;
		int stripH = (rows - 1) * sy + kh, stripW = (cols - 1) * sx + kw;
		int iy0 = oy0 * sy - top, ix0 = ox0 * sx - left;
		int[] colSource = new int[stripW];
		for (int i = 0; i < stripW; i++) colSource[i] = PlanePadding.source(ix0 + i, w, mode);
		float[] strip = new float[n * cin * stripH * stripW];
		for (int p = 0; p < n * cin; p++)
			for (int r = 0; r < stripH; r++) {
				int src = (p * h + PlanePadding.source(iy0 + r, h, mode)) * w, dst = (p * stripH + r) * stripW;
				for (int i = 0; i < stripW; i++) strip[dst + i] = x[src + colSource[i]];
			}
		ConvGeometry gs = new ConvGeometry(n, cin, stripH, stripW, cout, kh, kw, sy, sx, 1, 1, 0, 0, 0, 0, groups);
		float[] ys = new float[n * cout * rows * cols];
		engine.forward(gs, strip, weights, null, ys, threads);
		for (int p = 0; p < n * cout; p++)
			for (int r = 0; r < rows; r++)
				System.arraycopy(ys, (p * rows + r) * cols, y, (p * oh + oy0 + r) * ow + ox0, cols);
	}

	private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }
}
