package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

import static sc.fiji.convnet.engine.kernels.ConvChecks.endValid;
import static sc.fiji.convnet.engine.kernels.ConvChecks.firstValid;

/**
 * Direct convolution in plain Java: row loops ("axpy" of one input row into one output row per kernel tap),
 * four output channels at a time so that every input value loaded is used four times, and the work split
 * into (image, channel block, row tile) tasks over the given threads. Runs on any JVM.
 * <p>
 * Memory: writes straight into the output or gradient; the only workspace is {@link #ACC}, one small
 * double array per thread for the weight gradient.
 */
public final class ScalarConvKernels implements ConvKernels {

	/** Output (forward) or input (backwardInput) channels handled together. */
	static final int BLOCK = 4;

	private static final ThreadLocal<double[]> ACC = ThreadLocal.withInitial(() -> new double[64]);

	static double[] accumulator(int size) {
		double[] a = ACC.get();
		if (a.length < size) {
			a = new double[size];
			ACC.set(a);
		}
		Arrays.fill(a, 0, size, 0.0);
		return a;
	}

	@Override
	public String name() { return "scalar"; }

	// ---------------------------------------------------------------- forward

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {
		ConvChecks.forward(g, x, w, b, y);
		int coutG = g.coutPerGroup();
		int blocks = (coutG + BLOCK - 1) / BLOCK;
		int outer = g.n * g.groups * blocks;
		int rows = ConvChecks.rowsPerTask(g.oh, outer, threads);
		int tiles = (g.oh + rows - 1) / rows;
		Parallel.forEach(outer * tiles, threads, t -> {
			int tile = t % tiles, rest = t / tiles;
			int blk = rest % blocks;
			rest /= blocks;
			int grp = rest % g.groups, n = rest / g.groups;
			int co0 = grp * coutG + blk * BLOCK;
			int count = Math.min(BLOCK, (grp + 1) * coutG - co0);
			int oy0 = tile * rows;
			forwardTile(g, x, w, b, y, n, grp, co0, count, oy0, Math.min(g.oh, oy0 + rows));
		});
	}

	private static void forwardTile(ConvGeometry g, float[] x, float[] w, float[] b, float[] y,
			int n, int grp, int co0, int count, int oy0, int oy1) {
		int cinG = g.cinPerGroup(), kh = g.kh, kw = g.kw, sw = g.strideW;
		int inPlane = g.h * g.w, outPlane = g.oh * g.ow, wPerCo = cinG * kh * kw;
		for (int oy = oy0; oy < oy1; oy++) {
			int yRow = ((n * g.cout + co0) * g.oh + oy) * g.ow;
			for (int c = 0; c < count; c++) {
				int r = yRow + c * outPlane;
				Arrays.fill(y, r, r + g.ow, b == null ? 0f : b[co0 + c]);
			}
			for (int ci = 0; ci < cinG; ci++) {
				int xPlane = (n * g.cin + grp * cinG + ci) * inPlane;
				for (int ky = 0; ky < kh; ky++) {
					int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
					if (iy < 0 || iy >= g.h) continue;
					int xRow = xPlane + iy * g.w;
					for (int kx = 0; kx < kw; kx++) {
						int off = kx * g.dilationW - g.padLeft;
						int lo = firstValid(off, sw), hi = endValid(off, sw, g.w, g.ow);
						if (lo >= hi) continue;
						int wi = ((co0 * cinG + ci) * kh + ky) * kw + kx;
						if (count == BLOCK && sw == 1) {
							axpy4(x, xRow + off, y, yRow, outPlane, w[wi], w[wi + wPerCo], w[wi + 2 * wPerCo], w[wi + 3 * wPerCo], lo, hi);
						} else {
							for (int c = 0; c < count; c++)
								axpyStrided(x, xRow + off, sw, y, yRow + c * outPlane, w[wi + c * wPerCo], lo, hi);
						}
					}
				}
			}
		}
	}

	/** y[yRow + c·plane + i] += w_c · x[xo + i] for i in [lo, hi), four rows c at once. */
	private static void axpy4(float[] x, int xo, float[] y, int yRow, int plane,
			float w0, float w1, float w2, float w3, int lo, int hi) {
		// four simple loops: C2 auto-vectorizes a single axpy, not four interleaved stores into one array
		axpy(x, xo, y, yRow, w0, lo, hi);
		axpy(x, xo, y, yRow + plane, w1, lo, hi);
		axpy(x, xo, y, yRow + 2 * plane, w2, lo, hi);
		axpy(x, xo, y, yRow + 3 * plane, w3, lo, hi);
	}

	private static void axpy(float[] x, int xo, float[] y, int yo, float wv, int lo, int hi) {
		for (int i = lo; i < hi; i++) y[yo + i] += wv * x[xo + i];
	}

	/** y[yRow + i] += wv · x[xo + i·stride] for i in [lo, hi). */
	private static void axpyStrided(float[] x, int xo, int stride, float[] y, int yRow, float wv, int lo, int hi) {
		if (stride == 1) {
			for (int i = lo; i < hi; i++) y[yRow + i] += wv * x[xo + i];
		} else {
			for (int i = lo; i < hi; i++) y[yRow + i] += wv * x[xo + i * stride];
		}
	}

	// ---------------------------------------------------------------- backward to the input

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		ConvChecks.backwardInput(g, dy, w, dx);
		int cinG = g.cinPerGroup();
		int blocks = (cinG + BLOCK - 1) / BLOCK;
		int outer = g.n * g.groups * blocks;
		int rows = ConvChecks.rowsPerTask(g.h, outer, threads);
		int tiles = (g.h + rows - 1) / rows;
		Parallel.forEach(outer * tiles, threads, t -> {
			int tile = t % tiles, rest = t / tiles;
			int blk = rest % blocks;
			rest /= blocks;
			int grp = rest % g.groups, n = rest / g.groups;
			int ci0 = grp * cinG + blk * BLOCK;
			int count = Math.min(BLOCK, (grp + 1) * cinG - ci0);
			int iy0 = tile * rows;
			backwardInputTile(g, dy, w, dx, n, grp, ci0, count, iy0, Math.min(g.h, iy0 + rows));
		});
	}

	/** dx rows iy0..iy1 of channels ci0..ci0+count: each gathers from the dy rows whose taps reach it. */
	private static void backwardInputTile(ConvGeometry g, float[] dy, float[] w, float[] dx,
			int n, int grp, int ci0, int count, int iy0, int iy1) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kh = g.kh, kw = g.kw, sw = g.strideW;
		int inPlane = g.h * g.w, outPlane = g.oh * g.ow, taps = kh * kw;
		for (int iy = iy0; iy < iy1; iy++) {
			int dxRow = ((n * g.cin + ci0) * g.h + iy) * g.w;
			for (int c = 0; c < count; c++) {
				int r = dxRow + c * inPlane;
				Arrays.fill(dx, r, r + g.w, 0f);
			}
			for (int k = 0; k < coutG; k++) {
				int co = grp * coutG + k;
				int dyPlane = (n * g.cout + co) * outPlane;
				int wBase = (co * cinG + (ci0 - grp * cinG)) * taps;
				for (int ky = 0; ky < kh; ky++) {
					int t = iy + g.padTop - ky * g.dilationH;
					if (t < 0 || t % g.strideH != 0) continue;
					int oy = t / g.strideH;
					if (oy >= g.oh) continue;
					int dyRow = dyPlane + oy * g.ow;
					for (int kx = 0; kx < kw; kx++) {
						int off = kx * g.dilationW - g.padLeft;
						int lo = firstValid(off, sw), hi = endValid(off, sw, g.w, g.ow);
						if (lo >= hi) continue;
						int wi = wBase + ky * kw + kx;
						if (count == BLOCK && sw == 1) {
							scatter4(dy, dyRow, dx, dxRow + off, inPlane, w[wi], w[wi + taps], w[wi + 2 * taps], w[wi + 3 * taps], lo, hi);
						} else {
							for (int c = 0; c < count; c++)
								scatterStrided(dy, dyRow, dx, dxRow + c * inPlane + off, sw, w[wi + c * taps], lo, hi);
						}
					}
				}
			}
		}
	}

	/** dx[xo + c·plane + i] += w_c · dy[dyRow + i] for i in [lo, hi), four channels at once. */
	private static void scatter4(float[] dy, int dyRow, float[] dx, int xo, int plane,
			float w0, float w1, float w2, float w3, int lo, int hi) {
		int x0 = xo, x1 = xo + plane, x2 = xo + 2 * plane, x3 = xo + 3 * plane;
		for (int i = lo; i < hi; i++) {
			float d = dy[dyRow + i];
			dx[x0 + i] += w0 * d;
			dx[x1 + i] += w1 * d;
			dx[x2 + i] += w2 * d;
			dx[x3 + i] += w3 * d;
		}
	}

	/** dx[xo + i·stride] += wv · dy[dyRow + i] for i in [lo, hi). */
	private static void scatterStrided(float[] dy, int dyRow, float[] dx, int xo, int stride, float wv, int lo, int hi) {
		if (stride == 1) {
			for (int i = lo; i < hi; i++) dx[xo + i] += wv * dy[dyRow + i];
		} else {
			for (int i = lo; i < hi; i++) dx[xo + i * stride] += wv * dy[dyRow + i];
		}
	}

	// ---------------------------------------------------------------- backward to the weights

	@Override
	public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		ConvChecks.backwardWeights(g, x, dy, dw, db);
		int cinG = g.cinPerGroup();
		Parallel.forEach(g.cout * cinG, threads, t -> weightGradient(g, x, dy, dw, t / cinG, t % cinG));
		if (db != null) biasGradient(g, dy, db, threads);
	}

	/** dw[co, ci, ·, ·]: for every tap, the dot product of dy rows with the input rows the tap reads. */
	private static void weightGradient(ConvGeometry g, float[] x, float[] dy, float[] dw, int co, int ci) {
		int cinG = g.cinPerGroup(), grp = co / g.coutPerGroup(), kh = g.kh, kw = g.kw, sw = g.strideW;
		int inPlane = g.h * g.w, outPlane = g.oh * g.ow;
		double[] acc = accumulator(kh * kw);
		for (int n = 0; n < g.n; n++) {
			int xPlane = (n * g.cin + grp * cinG + ci) * inPlane;
			int dyPlane = (n * g.cout + co) * outPlane;
			for (int oy = 0; oy < g.oh; oy++) {
				int dyRow = dyPlane + oy * g.ow;
				for (int ky = 0; ky < kh; ky++) {
					int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
					if (iy < 0 || iy >= g.h) continue;
					int xRow = xPlane + iy * g.w;
					for (int kx = 0; kx < kw; kx++) {
						int off = kx * g.dilationW - g.padLeft;
						int lo = firstValid(off, sw), hi = endValid(off, sw, g.w, g.ow);
						if (lo < hi) acc[ky * kw + kx] += dot(dy, dyRow, x, xRow + off, sw, lo, hi);
					}
				}
			}
		}
		int base = (co * cinG + ci) * kh * kw;
		for (int k = 0; k < kh * kw; k++) dw[base + k] = (float) acc[k];
	}

	/** Σ dy[dyRow + i] · x[xo + i·stride] over i in [lo, hi), with four partial sums. */
	static float dot(float[] dy, int dyRow, float[] x, int xo, int stride, int lo, int hi) {
		float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int i = lo;
		if (stride == 1) {
			for (; i + 3 < hi; i += 4) {
				s0 += dy[dyRow + i] * x[xo + i];
				s1 += dy[dyRow + i + 1] * x[xo + i + 1];
				s2 += dy[dyRow + i + 2] * x[xo + i + 2];
				s3 += dy[dyRow + i + 3] * x[xo + i + 3];
			}
		}
		for (; i < hi; i++) s0 += dy[dyRow + i] * x[xo + i * stride];
		return (s0 + s1) + (s2 + s3);
	}

	static void biasGradient(ConvGeometry g, float[] dy, float[] db, int threads) {
		int outPlane = g.oh * g.ow;
		Parallel.forEach(g.cout, threads, co -> {
			double s = 0;
			for (int n = 0; n < g.n; n++) {
				int p = (n * g.cout + co) * outPlane;
				float part = 0;
				for (int i = 0; i < outPlane; i++) {
					part += dy[p + i];
					if ((i & 1023) == 1023) { s += part; part = 0; }
				}
				s += part;
			}
			db[co] = (float) s;
		});
	}
}
