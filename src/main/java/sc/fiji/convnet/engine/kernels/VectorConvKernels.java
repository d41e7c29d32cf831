package sc.fiji.convnet.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct convolution with {@code jdk.incubator.vector}: each step keeps 4 output channels × 4 vectors of
 * output columns (16 accumulators) in registers while it runs over every (input channel, kernel row,
 * kernel column) tap, so one input vector load feeds four fused multiply-adds. Input rows are first copied
 * into a zero-padded, stride-phase-split row buffer ({@link PaddedRows}), which removes every border test
 * from the inner loop.
 * <p>
 * backwardInput is the forward convolution of dy with the flipped, channel-transposed kernel (stride 1;
 * strided cases use the scalar kernels). backwardWeights runs 4 output channels × 4 taps of dot products
 * along the rows.
 * <p>
 * Only {@link Kernels} loads this class, by name, and only when the module is present. Memory: the output
 * plus one {@link Workspace} per thread (padded rows, packed weights), and for backwardWeights with few
 * output channels, one partial weight gradient per thread.
 */
final class VectorConvKernels implements ConvKernels {

	static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
	static final int L = S.length();
	/** Output channels per register block. */
	static final int CB = 4;

	private final ScalarConvKernels scalar = new ScalarConvKernels();

	/** Reusable per-thread buffers, grown on demand and never shrunk. */
	static final class Workspace {
		float[] rows = new float[0], weights = new float[0], tmp = new float[0], acc = new float[0], dyRows = new float[0];

		static float[] grow(float[] a, int size) { return a.length >= size ? a : new float[size]; }
	}

	private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

	@Override
	public String name() { return "vector(" + L + " lanes)"; }

	// ---------------------------------------------------------------- forward

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {
		ConvChecks.forward(g, x, w, b, y);
		direct(g, x, w, null, b, y, threads);
	}

	/**
	 * y = conv_g(x, W) + b. W is w itself when {@code transposedOf} is null; otherwise g is the transposed
	 * geometry of the original convolution {@code transposedOf} and W is w flipped and channel-transposed.
	 */
	private static void direct(ConvGeometry g, float[] x, float[] w, ConvGeometry transposedOf, float[] b, float[] y, int threads) {
		PaddedRows pr = new PaddedRows(g, L);
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kk = g.kh * g.kw, taps = cinG * kk;
		int blocks = (coutG + CB - 1) / CB;
		int[] tapOff = new int[taps];
		for (int ci = 0; ci < cinG; ci++)
			for (int ky = 0; ky < g.kh; ky++)
				for (int kx = 0; kx < g.kw; kx++) tapOff[(ci * g.kh + ky) * g.kw + kx] = pr.tapOffset(ci, ky, kx);
		int outer = g.n * g.groups;
		int rowsPer = ConvChecks.rowsPerTask(g.oh, outer, threads);
		int tiles = (g.oh + rowsPer - 1) / rowsPer;
		Parallel.forEach(outer * tiles, threads, t -> {
			int tile = t % tiles, rest = t / tiles, grp = rest % g.groups, n = rest / g.groups;
			Workspace ws = WORKSPACE.get();
			float[] rows = ws.rows = Workspace.grow(ws.rows, pr.size(cinG));
			float[] wp = ws.weights = Workspace.grow(ws.weights, blocks * CB * taps);
			float[] tmp = ws.tmp = Workspace.grow(ws.tmp, L);
			packWeights(g, w, transposedOf, grp, blocks, wp);
			int oy1 = Math.min(g.oh, (tile + 1) * rowsPer);
			for (int oy = tile * rowsPer; oy < oy1; oy++) {
				pr.fill(x, n, grp * cinG, cinG, oy, rows);
				for (int ox0 = 0; ox0 < pr.owPad; ) {
					boolean wide = ox0 + 4 * L <= pr.owPad;
					for (int blk = 0; blk < blocks; blk++) {
						int co0 = grp * coutG + blk * CB, count = Math.min(CB, coutG - blk * CB);
						int y0 = rowStart(g, n, co0, 0, count, oy), y1 = rowStart(g, n, co0, 1, count, oy);
						int y2 = rowStart(g, n, co0, 2, count, oy), y3 = rowStart(g, n, co0, 3, count, oy);
						float b0 = bias(b, co0, 0, count), b1 = bias(b, co0, 1, count), b2 = bias(b, co0, 2, count), b3 = bias(b, co0, 3, count);
						if (wide) forward4x4(rows, tapOff, taps, wp, blk * CB * taps, ox0, b0, b1, b2, b3, y, y0, y1, y2, y3, g.ow, tmp);
						else forward4x1(rows, tapOff, taps, wp, blk * CB * taps, ox0, b0, b1, b2, b3, y, y0, y1, y2, y3, g.ow, tmp);
					}
					ox0 += wide ? 4 * L : L;
				}
			}
		});
	}

	private static int rowStart(ConvGeometry g, int n, int co0, int c, int count, int oy) {
		return c < count ? ((n * g.cout + co0 + c) * g.oh + oy) * g.ow : -1;
	}

	private static float bias(float[] b, int co0, int c, int count) {
		return b != null && c < count ? b[co0 + c] : 0f;
	}

	/**
	 * wp[(blk·taps + tap)·CB + c] = weight of output channel grp·coutG + blk·CB + c at tap (ci, ky, kx)
	 * (zero for channels past the group's end).
	 */
	private static void packWeights(ConvGeometry g, float[] w, ConvGeometry orig, int grp, int blocks, float[] wp) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kh = g.kh, kw = g.kw, taps = cinG * kh * kw;
		for (int blk = 0; blk < blocks; blk++)
			for (int c = 0; c < CB; c++) {
				int coLocal = blk * CB + c;
				for (int ci = 0; ci < cinG; ci++)
					for (int ky = 0; ky < kh; ky++)
						for (int kx = 0; kx < kw; kx++) {
							int tap = (ci * kh + ky) * kw + kx;
							float v = 0f;
							if (coLocal < coutG) {
								if (orig == null) {
									v = w[(((grp * coutG + coLocal) * cinG + ci) * kh + ky) * kw + kx];
								} else {
									// transposed: our output channel is the original input channel, our input
									// channel the original output channel, and the kernel is flipped
									int origCinG = orig.cinPerGroup();
									int origCiLocal = coLocal, origCo = grp * orig.coutPerGroup() + ci;
									v = w[((origCo * origCinG + origCiLocal) * kh + (kh - 1 - ky)) * kw + (kw - 1 - kx)];
								}
							}
							wp[(blk * taps + tap) * CB + c] = v;
						}
			}
	}

	private static void forward4x4(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0,
			float b0, float b1, float b2, float b3, float[] y, int y0, int y1, int y2, int y3, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b0), a01 = a00, a02 = a00, a03 = a00;
		FloatVector a10 = FloatVector.broadcast(S, b1), a11 = a10, a12 = a10, a13 = a10;
		FloatVector a20 = FloatVector.broadcast(S, b2), a21 = a20, a22 = a20, a23 = a20;
		FloatVector a30 = FloatVector.broadcast(S, b3), a31 = a30, a32 = a30, a33 = a30;
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + CB * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector x1 = FloatVector.fromArray(S, rows, o + L);
			FloatVector x2 = FloatVector.fromArray(S, rows, o + 2 * L);
			FloatVector x3 = FloatVector.fromArray(S, rows, o + 3 * L);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
			FloatVector w1 = FloatVector.broadcast(S, wp[wi + 1]);
			a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
			FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]);
			a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
			FloatVector w3 = FloatVector.broadcast(S, wp[wi + 3]);
			a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
		}
		store4(a00, a01, a02, a03, y, y0, ox0, ow, tmp);
		store4(a10, a11, a12, a13, y, y1, ox0, ow, tmp);
		store4(a20, a21, a22, a23, y, y2, ox0, ow, tmp);
		store4(a30, a31, a32, a33, y, y3, ox0, ow, tmp);
	}

	private static void forward4x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0,
			float b0, float b1, float b2, float b3, float[] y, int y0, int y1, int y2, int y3, int ow, float[] tmp) {
		FloatVector a0 = FloatVector.broadcast(S, b0), a1 = FloatVector.broadcast(S, b1);
		FloatVector a2 = FloatVector.broadcast(S, b2), a3 = FloatVector.broadcast(S, b3);
		for (int t = 0; t < taps; t++) {
			int wi = wb + CB * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, tapOff[t] + ox0);
			a0 = x0.fma(FloatVector.broadcast(S, wp[wi]), a0);
			a1 = x0.fma(FloatVector.broadcast(S, wp[wi + 1]), a1);
			a2 = x0.fma(FloatVector.broadcast(S, wp[wi + 2]), a2);
			a3 = x0.fma(FloatVector.broadcast(S, wp[wi + 3]), a3);
		}
		store(a0, y, y0, ox0, ow, tmp);
		store(a1, y, y1, ox0, ow, tmp);
		store(a2, y, y2, ox0, ow, tmp);
		store(a3, y, y3, ox0, ow, tmp);
	}

	private static void store4(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] y, int row, int ox0, int ow, float[] tmp) {
		if (row < 0) return;
		store(v0, y, row, ox0, ow, tmp);
		store(v1, y, row, ox0 + L, ow, tmp);
		store(v2, y, row, ox0 + 2 * L, ow, tmp);
		store(v3, y, row, ox0 + 3 * L, ow, tmp);
	}

	/** Stores the lanes of v that fall inside the row (columns ox..ox+L−1 clipped to ow). */
	private static void store(FloatVector v, float[] y, int row, int ox, int ow, float[] tmp) {
		if (row < 0 || ox >= ow) return;
		if (ox + L <= ow) {
			v.intoArray(y, row + ox);
		} else {
			v.intoArray(tmp, 0);
			System.arraycopy(tmp, 0, y, row + ox, ow - ox);
		}
	}

	// ---------------------------------------------------------------- backward to the input

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		ConvChecks.backwardInput(g, dy, w, dx);
		ConvGeometry t = transposed(g);
		if (t == null) scalar.backwardInput(g, dy, w, dx, threads);
		else direct(t, dy, w, g, null, dx, threads);
	}

	/**
	 * The geometry whose forward pass is the input gradient of g: dy padded by (effective kernel − 1 − pad)
	 * and correlated with the flipped kernel. Null where that needs a stride or a negative padding.
	 */
	static ConvGeometry transposed(ConvGeometry g) {
		if (g.strideH != 1 || g.strideW != 1) return null;
		int effH = g.dilationH * (g.kh - 1) + 1, effW = g.dilationW * (g.kw - 1) + 1;
		int pt = effH - 1 - g.padTop, pl = effW - 1 - g.padLeft;
		int pb = g.h - g.oh + g.padTop, pr = g.w - g.ow + g.padLeft;
		if (pt < 0 || pl < 0 || pb < 0 || pr < 0) return null;
		return new ConvGeometry(g.n, g.cout, g.oh, g.ow, g.cin, g.kh, g.kw, 1, 1, g.dilationH, g.dilationW, pt, pl, pb, pr, g.groups);
	}

	// ---------------------------------------------------------------- backward to the weights

	@Override
	public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		ConvChecks.backwardWeights(g, x, dy, dw, db);
		PaddedRows pr = new PaddedRows(g, L);
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), taps = cinG * g.kh * g.kw;
		int tapBlocks = (taps + 3) / 4, coBlocks = (coutG + CB - 1) / CB;
		int[] tapOff = new int[tapBlocks * 4];
		for (int ci = 0; ci < cinG; ci++)
			for (int ky = 0; ky < g.kh; ky++)
				for (int kx = 0; kx < g.kw; kx++) tapOff[(ci * g.kh + ky) * g.kw + kx] = pr.tapOffset(ci, ky, kx);
		// taps past the end read tap 0 again; their sums are thrown away
		int jobs = g.groups * coBlocks, allRows = g.n * g.oh;
		int parts = jobs >= 2 * threads ? 1 : Math.max(1, Math.min(threads, allRows));
		int wSize = (int) g.weightSize();
		float[] partial = parts > 1 ? new float[parts * wSize] : null;
		Parallel.forEach(jobs * parts, threads, t -> {
			int job = t / parts, part = t % parts, grp = job / coBlocks, blk = job % coBlocks;
			int co0 = grp * coutG + blk * CB, count = Math.min(CB, coutG - blk * CB);
			Workspace ws = WORKSPACE.get();
			float[] rows = ws.rows = Workspace.grow(ws.rows, pr.size(cinG));
			float[] acc = ws.acc = Workspace.grow(ws.acc, tapBlocks * 16 * L);
			float[] d = ws.dyRows = Workspace.grow(ws.dyRows, CB * pr.owPad);
			java.util.Arrays.fill(acc, 0, tapBlocks * 16 * L, 0f);
			java.util.Arrays.fill(d, 0, CB * pr.owPad, 0f);
			int r0 = (int) ((long) part * allRows / parts), r1 = (int) ((long) (part + 1) * allRows / parts);
			for (int r = r0; r < r1; r++) {
				int n = r / g.oh, oy = r % g.oh;
				pr.fill(x, n, grp * cinG, cinG, oy, rows);
				for (int c = 0; c < count; c++)
					System.arraycopy(dy, ((n * g.cout + co0 + c) * g.oh + oy) * g.ow, d, c * pr.owPad, g.ow);
				for (int tb = 0; tb < tapBlocks; tb++)
					weights4x4(rows, tapOff[4 * tb], tapOff[4 * tb + 1], tapOff[4 * tb + 2], tapOff[4 * tb + 3], d, pr.owPad, acc, tb * 16 * L);
			}
			float[] target = partial == null ? dw : partial;
			int base = partial == null ? 0 : part * wSize;
			for (int c = 0; c < count; c++)
				for (int tap = 0; tap < taps; tap++)
					target[base + (co0 + c) * taps + tap] = FloatVector.fromArray(S, acc, ((tap / 4) * 16 + c * 4 + tap % 4) * L).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
		});
		if (partial != null) {
			Parallel.forEach(threads, threads, p -> {
				int i0 = (int) ((long) p * wSize / threads), i1 = (int) ((long) (p + 1) * wSize / threads);
				for (int i = i0; i < i1; i++) {
					float s = 0;
					for (int q = 0; q < parts; q++) s += partial[q * wSize + i];
					dw[i] = s;
				}
			});
		}
		if (db != null) ScalarConvKernels.biasGradient(g, dy, db, threads);
	}

	/** acc[(c·4 + t)·L ..] += Σ_j dy_c[j..] · rows[o_t + j..] along one output row, 4 channels × 4 taps. */
	private static void weights4x4(float[] rows, int o0, int o1, int o2, int o3, float[] d, int owPad, float[] acc, int ab) {
		FloatVector z = FloatVector.zero(S);
		FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
		FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
		for (int j = 0; j < owPad; j += L) {
			FloatVector x0 = FloatVector.fromArray(S, rows, o0 + j);
			FloatVector x1 = FloatVector.fromArray(S, rows, o1 + j);
			FloatVector x2 = FloatVector.fromArray(S, rows, o2 + j);
			FloatVector x3 = FloatVector.fromArray(S, rows, o3 + j);
			FloatVector d0 = FloatVector.fromArray(S, d, j);
			a00 = d0.fma(x0, a00); a01 = d0.fma(x1, a01); a02 = d0.fma(x2, a02); a03 = d0.fma(x3, a03);
			FloatVector d1 = FloatVector.fromArray(S, d, owPad + j);
			a10 = d1.fma(x0, a10); a11 = d1.fma(x1, a11); a12 = d1.fma(x2, a12); a13 = d1.fma(x3, a13);
			FloatVector d2 = FloatVector.fromArray(S, d, 2 * owPad + j);
			a20 = d2.fma(x0, a20); a21 = d2.fma(x1, a21); a22 = d2.fma(x2, a22); a23 = d2.fma(x3, a23);
			FloatVector d3 = FloatVector.fromArray(S, d, 3 * owPad + j);
			a30 = d3.fma(x0, a30); a31 = d3.fma(x1, a31); a32 = d3.fma(x2, a32); a33 = d3.fma(x3, a33);
		}
		add(acc, ab, a00, a01, a02, a03);
		add(acc, ab + 4 * L, a10, a11, a12, a13);
		add(acc, ab + 8 * L, a20, a21, a22, a23);
		add(acc, ab + 12 * L, a30, a31, a32, a33);
	}

	private static void add(float[] acc, int i, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
		FloatVector.fromArray(S, acc, i).add(v0).intoArray(acc, i);
		FloatVector.fromArray(S, acc, i + L).add(v1).intoArray(acc, i + L);
		FloatVector.fromArray(S, acc, i + 2 * L).add(v2).intoArray(acc, i + 2 * L);
		FloatVector.fromArray(S, acc, i + 3 * L).add(v3).intoArray(acc, i + 3 * L);
	}
}
