package sc.fiji.convnet.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct convolution with {@code jdk.incubator.vector}: each step keeps 8 output channels × 3 vectors of
 * output columns (24 accumulators) in registers while it runs over every (input channel, kernel row,
 * kernel column) tap, so one input vector load feeds eight fused multiply-adds (smaller blocks take the
 * remaining channels). Input rows are first copied into a zero-padded, stride-phase-split row buffer
 * ({@link PaddedRows}), which removes every border test from the inner loop.
 * <p>
 * backwardInput is the forward convolution of dy with the flipped, channel-transposed kernel (stride 1;
 * strided cases use the scalar kernels). backwardWeights accumulates 8 output channels × 3 taps of dot
 * products over bands of 4 output rows.
 * <p>
 * Only {@link Kernels} loads this class, by name, and only when the module is present. Memory: the output
 * plus one {@link Workspace} per thread (padded rows, packed weights), and for backwardWeights with few
 * output channels, one partial weight gradient per thread.
 */
final class VectorConvKernels implements ConvKernels {

	static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
	static final int L = S.length();

	private final ScalarConvKernels scalar = new ScalarConvKernels();

	/** Reusable per-thread buffers, grown on demand and never shrunk. */
	static final class Workspace {
		float[] rows = new float[0], weights = new float[0], tmp = new float[0], acc = new float[0], dyRows = new float[0];
		int[] taps = new int[0], slotRow = new int[0];

		static int[] grow(int[] a, int size) { return a.length >= size ? a : new int[size]; }

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
		int[] blockWidth = blockWidths(coutG);
		int outer = g.n * g.groups, plane = g.oh * g.ow, slots = pr.ringSlots();
		int rowsPer = ConvChecks.rowsPerTask(g.oh, outer, threads);
		int tiles = (g.oh + rowsPer - 1) / rowsPer;
		Parallel.forEach(outer * tiles, threads, t -> {
			int tile = t % tiles, rest = t / tiles, grp = rest % g.groups, n = rest / g.groups;
			Workspace ws = WORKSPACE.get();
			float[] rows = ws.rows = Workspace.grow(ws.rows, pr.ringSize(cinG));
			float[] wp = ws.weights = Workspace.grow(ws.weights, packedSize(blockWidth, taps));
			float[] tmp = ws.tmp = Workspace.grow(ws.tmp, 32 * L);
			int[] tapOff = ws.taps = Workspace.grow(ws.taps, taps);
			int[] slotRow = ws.slotRow = Workspace.grow(ws.slotRow, slots);
			java.util.Arrays.fill(slotRow, 0, slots, Integer.MIN_VALUE); // which input row each ring slot holds
			packWeights(g, w, transposedOf, grp, blockWidth, wp);
			int oy1 = Math.min(g.oh, (tile + 1) * rowsPer);
			for (int oy = tile * rowsPer; oy < oy1; oy++) {
				for (int ky = 0; ky < g.kh; ky++) {
					int iy = oy * g.strideH - g.padTop + ky * g.dilationH, slot = Math.floorMod(iy, slots);
					if (slotRow[slot] != iy) {
						pr.fillSlot(x, n, grp * cinG, cinG, iy, slot, rows);
						slotRow[slot] = iy;
					}
					for (int ci = 0; ci < cinG; ci++)
						for (int kx = 0; kx < g.kw; kx++) tapOff[(ci * g.kh + ky) * g.kw + kx] = pr.ringTapOffset(ci, slot, kx);
				}
				// column chunks outside, channel blocks inside: the chunk's input columns stay in L1 for every block
				// blocks of 8 or 4 channels take 3 vectors of columns, single channels (only when the group has
				// at most two) 6, so that each has enough independent accumulators
				int chunk = blockWidth[0] == 1 ? 6 * L : 3 * L;
				for (int ox0 = 0; ox0 < pr.owPad; ) {
					boolean wide = ox0 + chunk <= pr.owPad;
					int coLocal = 0, wb = 0;
					for (int width : blockWidth) {
						int co0 = grp * coutG + coLocal, count = Math.min(width, coutG - coLocal);
						int rowBase = ((n * g.cout + co0) * g.oh + oy) * g.ow;
						if (width == 8) {
							if (wide) forward8x3(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
							else forward8x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
						} else if (width == 4) {
							if (wide) forward4x3(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
							else forward4x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
						} else {
							if (wide && chunk == 6 * L) forward1x6(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
							else if (wide) { // a last channel or two after blocks of 4 or 8: the chunk is 3 vectors
								forward1x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
								forward1x1(rows, tapOff, taps, wp, wb, ox0 + L, b, co0, count, y, rowBase, plane, g.ow, tmp);
								forward1x1(rows, tapOff, taps, wp, wb, ox0 + 2 * L, b, co0, count, y, rowBase, plane, g.ow, tmp);
							} else forward1x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
						}
						coLocal += width;
						wb += width * taps;
					}
					ox0 += wide ? chunk : L;
				}
			}
		});
	}

	/**
	 * How a group's output channels are split into register blocks: 8 while at least 8 remain, then one
	 * block of 4 (zero-padded) for 3 or 4, single channels for the last one or two.
	 */
	static int[] blockWidths(int coutG) {
		java.util.List<Integer> list = new java.util.ArrayList<>();
		int left = coutG;
		while (left >= 8) { list.add(8); left -= 8; }
		while (left >= 3) { list.add(4); left -= Math.min(4, left); }
		while (left > 0) { list.add(1); left--; }
		return list.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int packedSize(int[] blockWidth, int taps) {
		int s = 0;
		for (int width : blockWidth) s += width * taps;
		return s;
	}

	/**
	 * Packs the group's weights block after block: within a block of width B starting at output channel co0,
	 * wp[offset + tap·B + c] is the weight of channel co0 + c at tap (ci, ky, kx); zero past the group's end.
	 */
	private static void packWeights(ConvGeometry g, float[] w, ConvGeometry orig, int grp, int[] blockWidth, float[] wp) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kh = g.kh, kw = g.kw, taps = cinG * kh * kw;
		int coStart = 0, offset = 0;
		for (int width : blockWidth) {
			for (int c = 0; c < width; c++) {
				int coLocal = coStart + c;
				for (int ci = 0; ci < cinG; ci++)
					for (int ky = 0; ky < kh; ky++)
						for (int kx = 0; kx < kw; kx++) {
							int tap = (ci * kh + ky) * kw + kx;
							wp[offset + tap * width + c] = coLocal < coutG ? ConvWeights.at(g, w, orig, grp, coLocal, ci, ky, kx) : 0f;
						}
			}
			coStart += width;
			offset += width * taps;
		}
	}

	private static void forward8x3(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
			float[] y, int rowBase, int plane, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b == null || 0 >= count ? 0f : b[co0 + 0]), a01 = a00, a02 = a00;
		FloatVector a10 = FloatVector.broadcast(S, b == null || 1 >= count ? 0f : b[co0 + 1]), a11 = a10, a12 = a10;
		FloatVector a20 = FloatVector.broadcast(S, b == null || 2 >= count ? 0f : b[co0 + 2]), a21 = a20, a22 = a20;
		FloatVector a30 = FloatVector.broadcast(S, b == null || 3 >= count ? 0f : b[co0 + 3]), a31 = a30, a32 = a30;
		FloatVector a40 = FloatVector.broadcast(S, b == null || 4 >= count ? 0f : b[co0 + 4]), a41 = a40, a42 = a40;
		FloatVector a50 = FloatVector.broadcast(S, b == null || 5 >= count ? 0f : b[co0 + 5]), a51 = a50, a52 = a50;
		FloatVector a60 = FloatVector.broadcast(S, b == null || 6 >= count ? 0f : b[co0 + 6]), a61 = a60, a62 = a60;
		FloatVector a70 = FloatVector.broadcast(S, b == null || 7 >= count ? 0f : b[co0 + 7]), a71 = a70, a72 = a70;
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + 8 * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector x1 = FloatVector.fromArray(S, rows, o + 1 * L);
			FloatVector x2 = FloatVector.fromArray(S, rows, o + 2 * L);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02);
			FloatVector w1 = FloatVector.broadcast(S, wp[wi + 1]);
			a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12);
			FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]);
			a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22);
			FloatVector w3 = FloatVector.broadcast(S, wp[wi + 3]);
			a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32);
			FloatVector w4 = FloatVector.broadcast(S, wp[wi + 4]);
			a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41); a42 = x2.fma(w4, a42);
			FloatVector w5 = FloatVector.broadcast(S, wp[wi + 5]);
			a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51); a52 = x2.fma(w5, a52);
			FloatVector w6 = FloatVector.broadcast(S, wp[wi + 6]);
			a60 = x0.fma(w6, a60); a61 = x1.fma(w6, a61); a62 = x2.fma(w6, a62);
			FloatVector w7 = FloatVector.broadcast(S, wp[wi + 7]);
			a70 = x0.fma(w7, a70); a71 = x1.fma(w7, a71); a72 = x2.fma(w7, a72);
		}
		// one way out, through the block buffer: a second, direct store path makes C2 compile the loop above
		// markedly worse, and no helper takes vector arguments (they would be boxed if it were not inlined)
		a00.intoArray(tmp, 0 * L);
		a01.intoArray(tmp, 1 * L);
		a02.intoArray(tmp, 2 * L);
		a10.intoArray(tmp, 3 * L);
		a11.intoArray(tmp, 4 * L);
		a12.intoArray(tmp, 5 * L);
		a20.intoArray(tmp, 6 * L);
		a21.intoArray(tmp, 7 * L);
		a22.intoArray(tmp, 8 * L);
		a30.intoArray(tmp, 9 * L);
		a31.intoArray(tmp, 10 * L);
		a32.intoArray(tmp, 11 * L);
		a40.intoArray(tmp, 12 * L);
		a41.intoArray(tmp, 13 * L);
		a42.intoArray(tmp, 14 * L);
		a50.intoArray(tmp, 15 * L);
		a51.intoArray(tmp, 16 * L);
		a52.intoArray(tmp, 17 * L);
		a60.intoArray(tmp, 18 * L);
		a61.intoArray(tmp, 19 * L);
		a62.intoArray(tmp, 20 * L);
		a70.intoArray(tmp, 21 * L);
		a71.intoArray(tmp, 22 * L);
		a72.intoArray(tmp, 23 * L);
		if (0 < count) copyRow(tmp, 0 * L, y, rowBase + 0 * plane, ox0, 3 * L, ow);
		if (1 < count) copyRow(tmp, 3 * L, y, rowBase + 1 * plane, ox0, 3 * L, ow);
		if (2 < count) copyRow(tmp, 6 * L, y, rowBase + 2 * plane, ox0, 3 * L, ow);
		if (3 < count) copyRow(tmp, 9 * L, y, rowBase + 3 * plane, ox0, 3 * L, ow);
		if (4 < count) copyRow(tmp, 12 * L, y, rowBase + 4 * plane, ox0, 3 * L, ow);
		if (5 < count) copyRow(tmp, 15 * L, y, rowBase + 5 * plane, ox0, 3 * L, ow);
		if (6 < count) copyRow(tmp, 18 * L, y, rowBase + 6 * plane, ox0, 3 * L, ow);
		if (7 < count) copyRow(tmp, 21 * L, y, rowBase + 7 * plane, ox0, 3 * L, ow);
	}

	private static void forward8x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
			float[] y, int rowBase, int plane, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b == null || 0 >= count ? 0f : b[co0 + 0]);
		FloatVector a10 = FloatVector.broadcast(S, b == null || 1 >= count ? 0f : b[co0 + 1]);
		FloatVector a20 = FloatVector.broadcast(S, b == null || 2 >= count ? 0f : b[co0 + 2]);
		FloatVector a30 = FloatVector.broadcast(S, b == null || 3 >= count ? 0f : b[co0 + 3]);
		FloatVector a40 = FloatVector.broadcast(S, b == null || 4 >= count ? 0f : b[co0 + 4]);
		FloatVector a50 = FloatVector.broadcast(S, b == null || 5 >= count ? 0f : b[co0 + 5]);
		FloatVector a60 = FloatVector.broadcast(S, b == null || 6 >= count ? 0f : b[co0 + 6]);
		FloatVector a70 = FloatVector.broadcast(S, b == null || 7 >= count ? 0f : b[co0 + 7]);
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + 8 * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00);
			FloatVector w1 = FloatVector.broadcast(S, wp[wi + 1]);
			a10 = x0.fma(w1, a10);
			FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]);
			a20 = x0.fma(w2, a20);
			FloatVector w3 = FloatVector.broadcast(S, wp[wi + 3]);
			a30 = x0.fma(w3, a30);
			FloatVector w4 = FloatVector.broadcast(S, wp[wi + 4]);
			a40 = x0.fma(w4, a40);
			FloatVector w5 = FloatVector.broadcast(S, wp[wi + 5]);
			a50 = x0.fma(w5, a50);
			FloatVector w6 = FloatVector.broadcast(S, wp[wi + 6]);
			a60 = x0.fma(w6, a60);
			FloatVector w7 = FloatVector.broadcast(S, wp[wi + 7]);
			a70 = x0.fma(w7, a70);
		}
		// one way out, through the block buffer: a second, direct store path makes C2 compile the loop above
		// markedly worse, and no helper takes vector arguments (they would be boxed if it were not inlined)
		a00.intoArray(tmp, 0 * L);
		a10.intoArray(tmp, 1 * L);
		a20.intoArray(tmp, 2 * L);
		a30.intoArray(tmp, 3 * L);
		a40.intoArray(tmp, 4 * L);
		a50.intoArray(tmp, 5 * L);
		a60.intoArray(tmp, 6 * L);
		a70.intoArray(tmp, 7 * L);
		if (0 < count) copyRow(tmp, 0 * L, y, rowBase + 0 * plane, ox0, 1 * L, ow);
		if (1 < count) copyRow(tmp, 1 * L, y, rowBase + 1 * plane, ox0, 1 * L, ow);
		if (2 < count) copyRow(tmp, 2 * L, y, rowBase + 2 * plane, ox0, 1 * L, ow);
		if (3 < count) copyRow(tmp, 3 * L, y, rowBase + 3 * plane, ox0, 1 * L, ow);
		if (4 < count) copyRow(tmp, 4 * L, y, rowBase + 4 * plane, ox0, 1 * L, ow);
		if (5 < count) copyRow(tmp, 5 * L, y, rowBase + 5 * plane, ox0, 1 * L, ow);
		if (6 < count) copyRow(tmp, 6 * L, y, rowBase + 6 * plane, ox0, 1 * L, ow);
		if (7 < count) copyRow(tmp, 7 * L, y, rowBase + 7 * plane, ox0, 1 * L, ow);
	}

	private static void forward4x3(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
			float[] y, int rowBase, int plane, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b == null || 0 >= count ? 0f : b[co0 + 0]), a01 = a00, a02 = a00;
		FloatVector a10 = FloatVector.broadcast(S, b == null || 1 >= count ? 0f : b[co0 + 1]), a11 = a10, a12 = a10;
		FloatVector a20 = FloatVector.broadcast(S, b == null || 2 >= count ? 0f : b[co0 + 2]), a21 = a20, a22 = a20;
		FloatVector a30 = FloatVector.broadcast(S, b == null || 3 >= count ? 0f : b[co0 + 3]), a31 = a30, a32 = a30;
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + 4 * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector x1 = FloatVector.fromArray(S, rows, o + 1 * L);
			FloatVector x2 = FloatVector.fromArray(S, rows, o + 2 * L);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02);
			FloatVector w1 = FloatVector.broadcast(S, wp[wi + 1]);
			a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12);
			FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]);
			a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22);
			FloatVector w3 = FloatVector.broadcast(S, wp[wi + 3]);
			a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32);
		}
		// one way out, through the block buffer: a second, direct store path makes C2 compile the loop above
		// markedly worse, and no helper takes vector arguments (they would be boxed if it were not inlined)
		a00.intoArray(tmp, 0 * L);
		a01.intoArray(tmp, 1 * L);
		a02.intoArray(tmp, 2 * L);
		a10.intoArray(tmp, 3 * L);
		a11.intoArray(tmp, 4 * L);
		a12.intoArray(tmp, 5 * L);
		a20.intoArray(tmp, 6 * L);
		a21.intoArray(tmp, 7 * L);
		a22.intoArray(tmp, 8 * L);
		a30.intoArray(tmp, 9 * L);
		a31.intoArray(tmp, 10 * L);
		a32.intoArray(tmp, 11 * L);
		if (0 < count) copyRow(tmp, 0 * L, y, rowBase + 0 * plane, ox0, 3 * L, ow);
		if (1 < count) copyRow(tmp, 3 * L, y, rowBase + 1 * plane, ox0, 3 * L, ow);
		if (2 < count) copyRow(tmp, 6 * L, y, rowBase + 2 * plane, ox0, 3 * L, ow);
		if (3 < count) copyRow(tmp, 9 * L, y, rowBase + 3 * plane, ox0, 3 * L, ow);
	}

	private static void forward4x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
			float[] y, int rowBase, int plane, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b == null || 0 >= count ? 0f : b[co0 + 0]);
		FloatVector a10 = FloatVector.broadcast(S, b == null || 1 >= count ? 0f : b[co0 + 1]);
		FloatVector a20 = FloatVector.broadcast(S, b == null || 2 >= count ? 0f : b[co0 + 2]);
		FloatVector a30 = FloatVector.broadcast(S, b == null || 3 >= count ? 0f : b[co0 + 3]);
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + 4 * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00);
			FloatVector w1 = FloatVector.broadcast(S, wp[wi + 1]);
			a10 = x0.fma(w1, a10);
			FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]);
			a20 = x0.fma(w2, a20);
			FloatVector w3 = FloatVector.broadcast(S, wp[wi + 3]);
			a30 = x0.fma(w3, a30);
		}
		// one way out, through the block buffer: a second, direct store path makes C2 compile the loop above
		// markedly worse, and no helper takes vector arguments (they would be boxed if it were not inlined)
		a00.intoArray(tmp, 0 * L);
		a10.intoArray(tmp, 1 * L);
		a20.intoArray(tmp, 2 * L);
		a30.intoArray(tmp, 3 * L);
		if (0 < count) copyRow(tmp, 0 * L, y, rowBase + 0 * plane, ox0, 1 * L, ow);
		if (1 < count) copyRow(tmp, 1 * L, y, rowBase + 1 * plane, ox0, 1 * L, ow);
		if (2 < count) copyRow(tmp, 2 * L, y, rowBase + 2 * plane, ox0, 1 * L, ow);
		if (3 < count) copyRow(tmp, 3 * L, y, rowBase + 3 * plane, ox0, 1 * L, ow);
	}

	private static void forward1x6(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
			float[] y, int rowBase, int plane, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b == null || 0 >= count ? 0f : b[co0 + 0]), a01 = a00, a02 = a00, a03 = a00, a04 = a00, a05 = a00;
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + 1 * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector x1 = FloatVector.fromArray(S, rows, o + 1 * L);
			FloatVector x2 = FloatVector.fromArray(S, rows, o + 2 * L);
			FloatVector x3 = FloatVector.fromArray(S, rows, o + 3 * L);
			FloatVector x4 = FloatVector.fromArray(S, rows, o + 4 * L);
			FloatVector x5 = FloatVector.fromArray(S, rows, o + 5 * L);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03); a04 = x4.fma(w0, a04); a05 = x5.fma(w0, a05);
		}
		// one way out, through the block buffer: a second, direct store path makes C2 compile the loop above
		// markedly worse, and no helper takes vector arguments (they would be boxed if it were not inlined)
		a00.intoArray(tmp, 0 * L);
		a01.intoArray(tmp, 1 * L);
		a02.intoArray(tmp, 2 * L);
		a03.intoArray(tmp, 3 * L);
		a04.intoArray(tmp, 4 * L);
		a05.intoArray(tmp, 5 * L);
		if (0 < count) copyRow(tmp, 0 * L, y, rowBase + 0 * plane, ox0, 6 * L, ow);
	}

	private static void forward1x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
			float[] y, int rowBase, int plane, int ow, float[] tmp) {
		FloatVector a00 = FloatVector.broadcast(S, b == null || 0 >= count ? 0f : b[co0 + 0]);
		for (int t = 0; t < taps; t++) {
			int o = tapOff[t] + ox0, wi = wb + 1 * t;
			FloatVector x0 = FloatVector.fromArray(S, rows, o);
			FloatVector w0 = FloatVector.broadcast(S, wp[wi]);
			a00 = x0.fma(w0, a00);
		}
		// one way out, through the block buffer: a second, direct store path makes C2 compile the loop above
		// markedly worse, and no helper takes vector arguments (they would be boxed if it were not inlined)
		a00.intoArray(tmp, 0 * L);
		if (0 < count) copyRow(tmp, 0 * L, y, rowBase + 0 * plane, ox0, 1 * L, ow);
	}

	/** Copies {@code len} computed columns starting at output column ox into the output row, clipped to ow. */
	private static void copyRow(float[] tmp, int from, float[] y, int row, int ox, int len, int ow) {
		if (row < 0 || ox >= ow) return; // channel past the group's end, or columns past the row's end
		System.arraycopy(tmp, from, y, row + ox, Math.min(len, ow - ox));
	}

	// ---------------------------------------------------------------- backward to the input

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		ConvChecks.backwardInput(g, dy, w, dx);
		ConvGeometry t = transposed(g);
		if (t == null) scalar.backwardInput(g, dy, w, dx, threads);
		else direct(t, dy, w, g, null, dx, threads);
	}

	static ConvGeometry transposed(ConvGeometry g) { return ConvWeights.transposed(g); }

	// ---------------------------------------------------------------- backward to the weights

	/** Output channels and taps per register block of the weight gradient. */
	static final int WC = 8, WT = 3;
	/** Output rows whose products a weight-gradient block sums in registers before adding them to memory. */
	static final int WR = 4;

	@Override
	public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		ConvChecks.backwardWeights(g, x, dy, dw, db);
		PaddedRows pr = new PaddedRows(g, L);
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), taps = cinG * g.kh * g.kw;
		int tapBlocks = (taps + WT - 1) / WT, coBlocks = (coutG + WC - 1) / WC;
		// the input rows of WR consecutive output rows form one band per channel; tap t of output row k of
		// the band reads from tapOff[t] + k·strideH·rowLen
		int band = pr.bandRows(WR);
		int[] tapOff = new int[tapBlocks * WT];
		for (int ci = 0; ci < cinG; ci++)
			for (int ky = 0; ky < g.kh; ky++)
				for (int kx = 0; kx < g.kw; kx++) tapOff[(ci * g.kh + ky) * g.kw + kx] = pr.bandTapOffset(ci, ky, kx, band);
		// taps past the end read tap 0 again, and channels past the end see zero dy: their sums are thrown away
		int jobs = g.groups * coBlocks, allRows = g.n * g.oh;
		int parts = jobs >= 2 * threads ? 1 : Math.max(1, Math.min(threads, allRows));
		int wSize = (int) g.weightSize(), accSize = tapBlocks * WC * WT * L;
		float[] partial = parts > 1 ? new float[parts * wSize] : null;
		// one flat loop over (output row of the band, column vector): offsets come from two small tables,
		// because a nested loop carrying the 24 accumulators makes C2 box them
		int dStride = WC * pr.owPad, perRow = pr.owPad / L;
		int[] xOffsets = new int[WR * perRow], dOffsets = new int[WR * perRow];
		for (int k = 0; k < WR; k++)
			for (int v = 0; v < perRow; v++) {
				xOffsets[k * perRow + v] = k * g.strideH * pr.rowLen + v * L;
				dOffsets[k * perRow + v] = k * dStride + v * L;
			}
		Parallel.forEach(jobs * parts, threads, t -> {
			int job = t / parts, part = t % parts, grp = job / coBlocks, blk = job % coBlocks;
			int co0 = grp * coutG + blk * WC, count = Math.min(WC, coutG - blk * WC);
			Workspace ws = WORKSPACE.get();
			float[] rows = ws.rows = Workspace.grow(ws.rows, cinG * band * pr.rowLen);
			float[] acc = ws.acc = Workspace.grow(ws.acc, accSize);
			float[] d = ws.dyRows = Workspace.grow(ws.dyRows, WR * dStride);
			java.util.Arrays.fill(acc, 0, accSize, 0f);
			java.util.Arrays.fill(d, 0, WR * dStride, 0f);
			int r0 = (int) ((long) part * allRows / parts), r1 = (int) ((long) (part + 1) * allRows / parts);
			for (int r = r0; r < r1; ) {
				int n = r / g.oh, oy = r % g.oh;
				int slots = Math.min(WR, Math.min(r1 - r, g.oh - oy)); // a band stays within one image
				pr.fillBand(x, n, grp * cinG, cinG, oy, band, rows);
				for (int k = 0; k < slots; k++)
					for (int c = 0; c < count; c++)
						System.arraycopy(dy, ((n * g.cout + co0 + c) * g.oh + oy + k) * g.ow, d, k * dStride + c * pr.owPad, g.ow);
				for (int tb = 0; tb < tapBlocks; tb++)
					weights8x3(rows, tapOff[WT * tb], tapOff[WT * tb + 1], tapOff[WT * tb + 2], xOffsets, dOffsets, slots * perRow,
							d, pr.owPad, acc, tb * WC * WT * L);
				r += slots;
			}
			float[] target = partial == null ? dw : partial;
			int base = partial == null ? 0 : part * wSize;
			for (int c = 0; c < count; c++)
				for (int tap = 0; tap < taps; tap++)
					target[base + (co0 + c) * taps + tap] = sumLanes(acc, ((tap / WT) * WC * WT + c * WT + tap % WT) * L);
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
		if (db != null) biasGradient(g, dy, db, threads);
	}

	/** db[co] = Σ dy[·, co, ·, ·], in vector partial sums per plane, then in double across planes. */
	private static void biasGradient(ConvGeometry g, float[] dy, float[] db, int threads) {
		int plane = g.oh * g.ow, full = plane - plane % (4 * L);
		Parallel.forEach(g.cout, threads, co -> {
			double total = 0;
			for (int n = 0; n < g.n; n++) {
				int p = (n * g.cout + co) * plane;
				FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
				for (int i = 0; i < full; i += 4 * L) {
					s0 = s0.add(FloatVector.fromArray(S, dy, p + i));
					s1 = s1.add(FloatVector.fromArray(S, dy, p + i + L));
					s2 = s2.add(FloatVector.fromArray(S, dy, p + i + 2 * L));
					s3 = s3.add(FloatVector.fromArray(S, dy, p + i + 3 * L));
				}
				total += s0.add(s1).add(s2).add(s3).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
				for (int i = full; i < plane; i++) total += dy[p + i];
			}
			db[co] = (float) total;
		});
	}

	/** The sum of L consecutive floats, in double. */
	private static float sumLanes(float[] a, int from) {
		double s = 0;
		for (int i = 0; i < L; i++) s += a[from + i];
		return (float) s;
	}

	/** acc[(c·3 + t)·L ..] += Σ_i dy_c[dOffsets[i]..] · rows[o_t + xOffsets[i]..] over several output rows, 8 channels × 3 taps. */
	private static void weights8x3(float[] rows, int o0, int o1, int o2, int[] xOffsets, int[] dOffsets, int steps,
			float[] d, int owPad, float[] acc, int ab) {
		FloatVector z = FloatVector.zero(S);
		FloatVector a00 = z, a01 = z, a02 = z;
		FloatVector a10 = z, a11 = z, a12 = z;
		FloatVector a20 = z, a21 = z, a22 = z;
		FloatVector a30 = z, a31 = z, a32 = z;
		FloatVector a40 = z, a41 = z, a42 = z;
		FloatVector a50 = z, a51 = z, a52 = z;
		FloatVector a60 = z, a61 = z, a62 = z;
		FloatVector a70 = z, a71 = z, a72 = z;
		for (int i = 0; i < steps; i++) {
			int xj = xOffsets[i], j = dOffsets[i];
			FloatVector x0 = FloatVector.fromArray(S, rows, o0 + xj);
			FloatVector x1 = FloatVector.fromArray(S, rows, o1 + xj);
			FloatVector x2 = FloatVector.fromArray(S, rows, o2 + xj);
			FloatVector d0 = FloatVector.fromArray(S, d, j);
			a00 = d0.fma(x0, a00); a01 = d0.fma(x1, a01); a02 = d0.fma(x2, a02);
			FloatVector d1 = FloatVector.fromArray(S, d, 1 * owPad + j);
			a10 = d1.fma(x0, a10); a11 = d1.fma(x1, a11); a12 = d1.fma(x2, a12);
			FloatVector d2 = FloatVector.fromArray(S, d, 2 * owPad + j);
			a20 = d2.fma(x0, a20); a21 = d2.fma(x1, a21); a22 = d2.fma(x2, a22);
			FloatVector d3 = FloatVector.fromArray(S, d, 3 * owPad + j);
			a30 = d3.fma(x0, a30); a31 = d3.fma(x1, a31); a32 = d3.fma(x2, a32);
			FloatVector d4 = FloatVector.fromArray(S, d, 4 * owPad + j);
			a40 = d4.fma(x0, a40); a41 = d4.fma(x1, a41); a42 = d4.fma(x2, a42);
			FloatVector d5 = FloatVector.fromArray(S, d, 5 * owPad + j);
			a50 = d5.fma(x0, a50); a51 = d5.fma(x1, a51); a52 = d5.fma(x2, a52);
			FloatVector d6 = FloatVector.fromArray(S, d, 6 * owPad + j);
			a60 = d6.fma(x0, a60); a61 = d6.fma(x1, a61); a62 = d6.fma(x2, a62);
			FloatVector d7 = FloatVector.fromArray(S, d, 7 * owPad + j);
			a70 = d7.fma(x0, a70); a71 = d7.fma(x1, a71); a72 = d7.fma(x2, a72);
		}
		// written out: a helper taking vectors as arguments may not be inlined, and then every vector is boxed
		FloatVector.fromArray(S, acc, ab + 0 * L).add(a00).intoArray(acc, ab + 0 * L);
		FloatVector.fromArray(S, acc, ab + 1 * L).add(a01).intoArray(acc, ab + 1 * L);
		FloatVector.fromArray(S, acc, ab + 2 * L).add(a02).intoArray(acc, ab + 2 * L);
		FloatVector.fromArray(S, acc, ab + 3 * L).add(a10).intoArray(acc, ab + 3 * L);
		FloatVector.fromArray(S, acc, ab + 4 * L).add(a11).intoArray(acc, ab + 4 * L);
		FloatVector.fromArray(S, acc, ab + 5 * L).add(a12).intoArray(acc, ab + 5 * L);
		FloatVector.fromArray(S, acc, ab + 6 * L).add(a20).intoArray(acc, ab + 6 * L);
		FloatVector.fromArray(S, acc, ab + 7 * L).add(a21).intoArray(acc, ab + 7 * L);
		FloatVector.fromArray(S, acc, ab + 8 * L).add(a22).intoArray(acc, ab + 8 * L);
		FloatVector.fromArray(S, acc, ab + 9 * L).add(a30).intoArray(acc, ab + 9 * L);
		FloatVector.fromArray(S, acc, ab + 10 * L).add(a31).intoArray(acc, ab + 10 * L);
		FloatVector.fromArray(S, acc, ab + 11 * L).add(a32).intoArray(acc, ab + 11 * L);
		FloatVector.fromArray(S, acc, ab + 12 * L).add(a40).intoArray(acc, ab + 12 * L);
		FloatVector.fromArray(S, acc, ab + 13 * L).add(a41).intoArray(acc, ab + 13 * L);
		FloatVector.fromArray(S, acc, ab + 14 * L).add(a42).intoArray(acc, ab + 14 * L);
		FloatVector.fromArray(S, acc, ab + 15 * L).add(a50).intoArray(acc, ab + 15 * L);
		FloatVector.fromArray(S, acc, ab + 16 * L).add(a51).intoArray(acc, ab + 16 * L);
		FloatVector.fromArray(S, acc, ab + 17 * L).add(a52).intoArray(acc, ab + 17 * L);
		FloatVector.fromArray(S, acc, ab + 18 * L).add(a60).intoArray(acc, ab + 18 * L);
		FloatVector.fromArray(S, acc, ab + 19 * L).add(a61).intoArray(acc, ab + 19 * L);
		FloatVector.fromArray(S, acc, ab + 20 * L).add(a62).intoArray(acc, ab + 20 * L);
		FloatVector.fromArray(S, acc, ab + 21 * L).add(a70).intoArray(acc, ab + 21 * L);
		FloatVector.fromArray(S, acc, ab + 22 * L).add(a71).intoArray(acc, ab + 22 * L);
		FloatVector.fromArray(S, acc, ab + 23 * L).add(a72).intoArray(acc, ab + 23 * L);
	}
}
