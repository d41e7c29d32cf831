package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

import static sc.fiji.convnet.engine.kernels.ConvChecks.endValid;
import static sc.fiji.convnet.engine.kernels.ConvChecks.firstValid;

/**
 * Direct convolution in plain Java that the JIT can auto-vectorize. HotSpot 17 vectorizes a loop like
 * {@code acc[i] += w * xs[i]} only when every array is indexed by the same expression, so each tap first
 * copies the input row segment it reads into a shifted row {@code xs} (one copy serves a block of up to 16
 * output channels), and the output rows accumulate in separate per-thread rows before they are copied out.
 * Consecutive short output rows are joined into one longer row (a band) so that the row loops
 * ({@link ScalarRows}) run long.
 * Work is split into (image, group, row tile) tasks over the given threads. Runs on any JVM.
 * <p>
 * 3×3, stride-1 layers with at least 16 channels in and out (most of a U-Net) run {@link ScalarWinograd} instead,
 * which needs 16 multiply-adds per 2×2 outputs where this kernel needs 36.
 * <p>
 * backwardInput of a stride-1 convolution is the forward convolution of dy with the flipped, channel-swapped
 * kernel ({@link ConvWeights#transposed}); other strides scatter row by row. backwardWeights accumulates
 * dy·x products lane-wise in per-thread rows and sums each row once at the end.
 * <p>
 * Memory: the output or gradient plus one {@link Workspace} per thread.
 */
public final class ScalarConvKernels implements ConvKernels {

	/** Output (forward) or input (strided backwardInput) channels handled together. */
	static final int BLOCK = 4;
	/** At most this many output channels share one shifted input row (weight gradient). */
	static final int MAX_ROWS = 8;
	/** At most this many output channels share one shifted input row (forward; more channels per copy). */
	static final int MAX_FORWARD_ROWS = 16;
	/** Forward rows shorter than this are joined into bands of about this many values (see {@link #direct}). */
	static final int BAND_LENGTH = 512;

	/** Reusable per-thread buffers, grown on demand. */
	static final class Workspace {
		float[][] acc = new float[0][];
		float[][] dyRows = new float[0][], shifted = new float[0][];
		float[] xs = new float[0], weights = new float[0];
		double[] sums = new double[64];

		static float[][] rows(float[][] a, int count, int len) {
			if (a.length < count) a = Arrays.copyOf(a, count);
			for (int i = 0; i < count; i++) if (a[i] == null || a[i].length < len) a[i] = new float[len];
			return a;
		}

		static float[] grow(float[] a, int len) { return a.length >= len ? a : new float[len]; }
	}

	/** 3×3 stride-1 layers run {@link ScalarWinograd}; {@code -Dconvnet.winograd=false} runs them directly (for benchmarks). */
	static final boolean WINOGRAD = !"false".equals(System.getProperty("convnet.winograd"));

	private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

	/** Output channels per shifted row: enough to amortize the copy, few enough that the rows stay in cache. */
	static int rowsPerBlock(int width) {
		return Math.max(1, Math.min(MAX_FORWARD_ROWS, 16384 / Math.max(1, width)));
	}

	@Override
	public String name() { return "scalar"; }

	// ---------------------------------------------------------------- forward

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {
		ConvChecks.forward(g, x, w, b, y);
		direct(g, x, w, null, b, y, threads);
	}

	/**
	 * y = conv_g(x, W) + b, where W is w, or for {@code orig} non-null the transposed weights of orig.
	 * A band of consecutive output rows goes through the row loops as one long row (the accumulator and
	 * shifted rows hold the band's rows side by side), so that short rows do not pay the JIT's scalar pre-
	 * and post-loops around each vector loop once per image row.
	 */
	private static void direct(ConvGeometry g, float[] x, float[] w, ConvGeometry orig, float[] b, float[] y, int threads) {
		if (WINOGRAD && ScalarWinograd.applies(g)) {
			ScalarWinograd.forward(g, x, w, orig, b, y, threads);
			return;
		}
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), taps = cinG * g.kh * g.kw, ow = g.ow;
		int outer = g.n * g.groups;
		int rows = ConvChecks.rowsPerTask(g.oh, outer, threads);
		int tiles = (g.oh + rows - 1) / rows;
		int band = bandRows(ow, rows);
		int block = rowsPerBlock(band * ow);
		Parallel.forEach(outer * tiles, threads, t -> {
			int tile = t % tiles, rest = t / tiles, grp = rest % g.groups, n = rest / g.groups;
			Workspace ws = WORKSPACE.get();
			float[][] acc = ws.acc = Workspace.rows(ws.acc, block, band * ow);
			float[][] xs = ws.shifted = Workspace.rows(ws.shifted, g.kw, band * ow);
			float[] wp = ws.weights = Workspace.grow(ws.weights, coutG * taps);
			ConvWeights.pack(g, w, orig, grp, wp);
			int oy1 = Math.min(g.oh, (tile + 1) * rows);
			for (int oy0 = tile * rows; oy0 < oy1; oy0 += band) {
				int bandNow = Math.min(band, oy1 - oy0), len = bandNow * ow;
				for (int cb = 0; cb < coutG; cb += block) {
					int count = Math.min(block, coutG - cb);
					for (int c = 0; c < count; c++) Arrays.fill(acc[c], 0, len, b == null ? 0f : b[grp * coutG + cb + c]);
					for (int ci = 0; ci < cinG; ci++) {
						int xPlane = (n * g.cin + grp * cinG + ci) * g.h * g.w;
						for (int ky = 0; ky < g.kh; ky++) {
							int iyFirst = oy0 * g.strideH - g.padTop + ky * g.dilationH, iyLast = iyFirst + (bandNow - 1) * g.strideH;
							if (iyLast < 0 || iyFirst >= g.h) continue;
							// one zero-padded shifted copy of the band's input rows per kernel column, shared by the block's channels
							for (int kx = 0; kx < g.kw; kx++) {
								int off = kx * g.dilationW - g.padLeft;
								int lo = firstValid(off, g.strideW), hi = endValid(off, g.strideW, g.w, ow);
								for (int r = 0; r < bandNow; r++) {
									int iy = iyFirst + r * g.strideH;
									boolean inside = iy >= 0 && iy < g.h;
									paddedShiftedRow(x, xPlane + iy * g.w + off, g.strideW, xs[kx], r * ow,
											inside ? lo : 0, inside ? hi : 0, ow);
								}
							}
							int wi = cb * taps + (ci * g.kh + ky) * g.kw;
							for (int c = 0; c < count; c++) ScalarRows.kernelRow(xs, acc[c], wp, wi + c * taps, g.kw, len);
						}
					}
					for (int c = 0; c < count; c++)
						for (int r = 0; r < bandNow; r++)
							System.arraycopy(acc[c], r * ow, y, ((n * g.cout + grp * coutG + cb + c) * g.oh + oy0 + r) * ow, ow);
				}
			}
		});
	}

	/** Output rows per band: enough to make rows of about {@link #BAND_LENGTH} values, at most the task's rows. */
	static int bandRows(int ow, int taskRows) {
		return Math.max(1, Math.min(taskRows, BAND_LENGTH / Math.max(1, ow)));
	}

	/** xs[dst + i] = x[start + i·stride] for i in [lo, hi), zero elsewhere in [0, n). */
	static void paddedShiftedRow(float[] x, int start, int stride, float[] xs, int dst, int lo, int hi, int n) {
		if (lo >= hi) {
			Arrays.fill(xs, dst, dst + n, 0f);
			return;
		}
		Arrays.fill(xs, dst, dst + lo, 0f);
		if (stride == 1) {
			System.arraycopy(x, start + lo, xs, dst + lo, hi - lo);
		} else {
			for (int i = lo; i < hi; i++) xs[dst + i] = x[start + i * stride];
		}
		Arrays.fill(xs, dst + hi, dst + n, 0f);
	}

	// ---------------------------------------------------------------- backward to the input

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		ConvChecks.backwardInput(g, dy, w, dx);
		ConvGeometry transposed = ConvWeights.transposed(g);
		if (transposed != null) {
			direct(transposed, dy, w, g, null, dx, threads);
			return;
		}
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
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kk = g.kh * g.kw;
		int block = Math.max(1, Math.min(MAX_ROWS, 65536 / Math.max(1, kk * g.ow)));
		int blocks = (coutG + block - 1) / block;
		Parallel.forEach(g.groups * cinG * blocks, threads, t -> {
			int blk = t % blocks, rest = t / blocks, ci = rest % cinG, grp = rest / cinG;
			weightGradient(g, x, dy, dw, grp, ci, grp * coutG + blk * block, Math.min(block, coutG - blk * block));
		});
		if (db != null) biasGradient(g, dy, db, threads);
	}

	/**
	 * dw[co, ci, ·, ·] for output channels co0..co0+count. Per tap and channel, acc[i] += Σ_r dy_r[i]·xs_r[i]
	 * over three output rows r at a time (one store per three products; vectorizable), where xs_r is the
	 * zero-padded input row the tap reads for row r; each accumulator row is summed once at the end.
	 */
	private static void weightGradient(ConvGeometry g, float[] x, float[] dy, float[] dw, int grp, int ci, int co0, int count) {
		int cinG = g.cinPerGroup(), kh = g.kh, kw = g.kw, kk = kh * kw, ow = g.ow, sw = g.strideW;
		Workspace ws = WORKSPACE.get();
		float[][] acc = ws.acc = Workspace.rows(ws.acc, count * kk, ow);
		float[][] d = ws.dyRows = Workspace.rows(ws.dyRows, 3 * count, ow);
		float[][] xs = ws.shifted = Workspace.rows(ws.shifted, 3, ow);
		for (int r = 0; r < count * kk; r++) Arrays.fill(acc[r], 0, ow, 0f);
		for (int n = 0; n < g.n; n++) {
			int xPlane = (n * g.cin + grp * cinG + ci) * g.h * g.w;
			for (int oy0 = 0; oy0 < g.oh; oy0 += 3) {
				int rowsNow = Math.min(3, g.oh - oy0);
				for (int c = 0; c < count; c++)
					for (int r = 0; r < 3; r++) {
						if (r < rowsNow) System.arraycopy(dy, ((n * g.cout + co0 + c) * g.oh + oy0 + r) * ow, d[3 * c + r], 0, ow);
						else Arrays.fill(d[3 * c + r], 0, ow, 0f);
					}
				for (int ky = 0; ky < kh; ky++)
					for (int kx = 0; kx < kw; kx++) {
						int off = kx * g.dilationW - g.padLeft;
						int lo = firstValid(off, sw), hi = endValid(off, sw, g.w, ow);
						boolean any = false;
						for (int r = 0; r < 3; r++) {
							int iy = (oy0 + r) * g.strideH - g.padTop + ky * g.dilationH;
							boolean valid = r < rowsNow && iy >= 0 && iy < g.h;
							paddedShiftedRow(x, xPlane + iy * g.w + off, sw, xs[r], 0, valid ? lo : 0, valid ? hi : 0, ow);
							any |= valid && lo < hi;
						}
						if (!any) continue;
						for (int c = 0; c < count; c++)
							fusedProducts3(d[3 * c], xs[0], d[3 * c + 1], xs[1], d[3 * c + 2], xs[2], acc[c * kk + ky * kw + kx], ow);
					}
			}
		}
		for (int c = 0; c < count; c++)
			for (int k = 0; k < kk; k++) {
				float[] a = acc[c * kk + k];
				double s = 0;
				for (int i = 0; i < ow; i++) s += a[i];
				dw[((co0 + c) * cinG + ci) * kk + k] = (float) s;
			}
	}

	/** acc[i] += a0[i]·b0[i] + a1[i]·b1[i] + a2[i]·b2[i]. */
	private static void fusedProducts3(float[] a0, float[] b0, float[] a1, float[] b1, float[] a2, float[] b2, float[] acc, int n) {
		for (int i = 0; i < n; i++) acc[i] += a0[i] * b0[i] + a1[i] * b1[i] + a2[i] * b2[i];
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
