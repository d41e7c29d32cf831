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
 * strided cases use the scalar kernels). backwardWeights with at least 32 output channels per group is a matrix
 * product with the lanes along output channels ({@link VectorWeightGradientByChannel}); with fewer it
 * accumulates 8 output channels × 3 taps of dot products over bands of 4 output rows ({@link VectorWeightGradient}).
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
		float[] rows = new float[0], packed = new float[0], gathered = new float[0], tmp = new float[0], acc = new float[0], dyRows = new float[0];
		int[] taps = new int[0], slotRow = new int[0];

		static int[] grow(int[] a, int size) { return a.length >= size ? a : new int[size]; }

		static float[] grow(float[] a, int size) { return a.length >= size ? a : new float[size]; }
	}

	/** Whether small planes take {@link VectorSmallPlanes}; only the kernel benchmark turns it off, to compare. */
	static volatile boolean smallPlanes = true;

	static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

	@Override
	public String name() { return "vector(" + L + " lanes)"; }

	// ---------------------------------------------------------------- forward

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {
		forward(g, x, w, b, y, threads, false);
	}

	@Override
	public void maxOfRows(float[] x, int first, int step, int rows, float[] v, int n) {
		int i = 0;
		for (; i + L <= n; i += L) {
			FloatVector m = FloatVector.fromArray(S, x, first + i);
			for (int r = 1, at = first + step + i; r < rows; r++, at += step) m = m.max(FloatVector.fromArray(S, x, at));
			m.intoArray(v, i);
		}
		for (; i < n; i++) {
			float m = x[first + i];
			for (int r = 1, at = first + step + i; r < rows; r++, at += step) m = Math.max(m, x[at]);
			v[i] = m;
		}
	}

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads, boolean relu) {
		ConvChecks.forward(g, x, w, b, y);
		direct(g, x, w, null, b, y, 0, threads, relu, null);
	}

	@Override
	public void forwardInto(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int yAt, int threads, boolean relu, PackedWeights packed) {
		ConvChecks.forwardInputs(g, x, w, b);
		ConvChecks.outputRange(g, y, yAt);
		direct(g, x, w, null, b, y, yAt, threads, relu, packed);
	}

	/**
	 * y = conv_g(x, W) + b, written from y[yAt] on. W is w itself when {@code transposedOf} is null; otherwise g is
	 * the transposed geometry of the original convolution {@code transposedOf} and W is w flipped and
	 * channel-transposed.
	 */
	private static void direct(ConvGeometry g, float[] x, float[] w, ConvGeometry transposedOf, float[] b, float[] y, int yAt, int threads,
			boolean relu, PackedWeights packed) {
		// With the weights kept packed, unpadded stride-1 1×1 layers take the matrix product that reads the input where
		// it lies even on small planes: packing the input patches and transposing the sums back cost more than the
		// lanes it fills (two threads, BENCHMARKS.md session 8: SqueezeNet's 512→64 on 13×13 44 against 150 µs, its
		// 512→1000 657 against 848 µs, ResNet-50's 512→128 on 28×28 297 against 612 µs; only its 512→2048 on 7×7
		// went the other way, 548 against 484 µs). Packing the weights on every call is what had made the product
		// faster. Strided ones stay: gathering every other input pixel made ResNet-50's three 2.5× slower.
		if (packed != null && transposedOf == null && g.strideH == 1 && g.strideW == 1 && VectorPointwise.applies(g)) {
			VectorPointwise.forward(g, x, w, null, b, y, yAt, threads, relu, packed);
			return;
		}
		if (smallPlanes && VectorSmallPlanes.applies(g)) {
			VectorSmallPlanes.forward(g, x, w, transposedOf, b, y, yAt, threads, relu, packed);
			return;
		}
		if (VectorPointwise.applies(g)) {
			VectorPointwise.forward(g, x, w, transposedOf, b, y, yAt, threads, relu, packed);
			return;
		}
		PaddedRows pr = new PaddedRows(g, L);
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kk = g.kh * g.kw, taps = cinG * kk;
		int[] blockWidth = blockWidths(coutG);
		int outer = g.n * g.groups, plane = g.oh * g.ow, slots = pr.ringSlots();
		int rowsPer = ConvChecks.rowsPerTask(g.oh, outer, threads);
		int tiles = (g.oh + rowsPer - 1) / rowsPer;
		float[] wp = packAll(g, w, transposedOf, blockWidth, threads, packed);
		int groupSize = packedSize(blockWidth, taps);
		Parallel.forEach(outer * tiles, threads, t -> {
			int tile = t % tiles, rest = t / tiles, grp = rest % g.groups, n = rest / g.groups;
			Workspace ws = WORKSPACE.get();
			float[] rows = ws.rows = Workspace.grow(ws.rows, pr.ringSize(cinG));
			float[] tmp = ws.tmp = Workspace.grow(ws.tmp, 32 * L);
			int[] tapOff = ws.taps = Workspace.grow(ws.taps, taps);
			int[] slotRow = ws.slotRow = Workspace.grow(ws.slotRow, slots);
			java.util.Arrays.fill(slotRow, 0, slots, Integer.MIN_VALUE); // which input row each ring slot holds
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
					int coLocal = 0, wb = grp * groupSize;
					for (int width : blockWidth) {
						int co0 = grp * coutG + coLocal, count = Math.min(width, coutG - coLocal);
						int rowBase = yAt + ((n * g.cout + co0) * g.oh + oy) * g.ow;
						if (width == 8) {
							if (wide) VectorForwardBlocks.forward8x3(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
							else VectorForwardBlocks.forward8x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
						} else if (width == 4) {
							if (wide) VectorForwardBlocks.forward4x3(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
							else VectorForwardBlocks.forward4x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
						} else {
							if (wide && chunk == 6 * L) VectorForwardBlocks.forward1x6(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
							else if (wide) { // a last channel or two after blocks of 4 or 8: the chunk is 3 vectors
								VectorForwardBlocks.forward1x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
								VectorForwardBlocks.forward1x1(rows, tapOff, taps, wp, wb, ox0 + L, b, co0, count, y, rowBase, plane, g.ow, tmp);
								VectorForwardBlocks.forward1x1(rows, tapOff, taps, wp, wb, ox0 + 2 * L, b, co0, count, y, rowBase, plane, g.ow, tmp);
							} else VectorForwardBlocks.forward1x1(rows, tapOff, taps, wp, wb, ox0, b, co0, count, y, rowBase, plane, g.ow, tmp);
						}
						coLocal += width;
						wb += width * taps;
					}
					ox0 += wide ? chunk : L;
				}
				if (relu) // the group's output row oy, just written
					for (int co = grp * coutG; co < (grp + 1) * coutG; co++) {
						int row = yAt + ((n * g.cout + co) * g.oh + oy) * g.ow;
						Rectifier.clip(y, row, row + g.ow);
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

	static int packedSize(int[] blockWidth, int taps) {
		int s = 0;
		for (int width : blockWidth) s += width * taps;
		return s;
	}

	/**
	 * Every group's weights packed once per call, block after block (group grp from grp·packedSize on), in a buffer
	 * of the calling thread that all tasks read: packing them in every task cost more than the arithmetic where the
	 * planes are small (ResNet-50's 7×7 layers), as each task packed all the weights again.
	 */
	static float[] packAll(ConvGeometry g, float[] w, ConvGeometry orig, int[] blockWidth, int threads, PackedWeights packed) {
		int size = g.groups * packedSize(blockWidth, g.cinPerGroup() * g.kh * g.kw);
		if (packed != null && orig == null) return packed.get("blocks", w, () -> packAll(g, w, null, blockWidth, threads, new float[size]));
		Workspace caller = WORKSPACE.get();
		return packAll(g, w, orig, blockWidth, threads, caller.packed = Workspace.grow(caller.packed, size));
	}

	private static float[] packAll(ConvGeometry g, float[] w, ConvGeometry orig, int[] blockWidth, int threads, float[] wp) {
		int taps = g.cinPerGroup() * g.kh * g.kw, groupSize = packedSize(blockWidth, taps), blocks = blockWidth.length;
		int[] blockStart = new int[blocks]; // first output channel of each block within the group
		for (int i = 1; i < blocks; i++) blockStart[i] = blockStart[i - 1] + blockWidth[i - 1];
		int packers = (long) g.groups * groupSize < 1 << 16 ? 1 : threads; // a small pack is not worth a hand-over
		Parallel.forEach(g.groups * blocks, packers, i -> {
			int grp = i / blocks, blk = i % blocks;
			packBlock(g, w, orig, grp, blockStart[blk], blockWidth[blk], wp, grp * groupSize + blockStart[blk] * taps);
		});
		return wp;
	}

	/**
	 * Packs one block of a group's weights: within a block of width B starting at output channel coStart,
	 * wp[offset + tap·B + c] is the weight of channel coStart + c at tap (ci, ky, kx); zero past the group's end.
	 */
	private static void packBlock(ConvGeometry g, float[] w, ConvGeometry orig, int grp, int coStart, int width, float[] wp, int offset) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), kh = g.kh, kw = g.kw;
		// taps outside, channels inside: the packed block is written in order and the weights read as `width` streams
		for (int ci = 0; ci < cinG; ci++)
			for (int ky = 0; ky < kh; ky++)
				for (int kx = 0; kx < kw; kx++) {
					int at = offset + ((ci * kh + ky) * kw + kx) * width;
					for (int c = 0; c < width; c++)
						wp[at + c] = coStart + c < coutG ? ConvWeights.at(g, w, orig, grp, coStart + c, ci, ky, kx) : 0f;
				}
	}

	// ---------------------------------------------------------------- backward to the input

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		ConvChecks.backwardInput(g, dy, w, dx);
		ConvGeometry t = transposed(g);
		if (t == null) scalar.backwardInput(g, dy, w, dx, threads);
		else direct(t, dy, w, g, null, dx, 0, threads, false, null);
	}

	static ConvGeometry transposed(ConvGeometry g) { return ConvWeights.transposed(g); }

	// ---------------------------------------------------------------- backward to the weights

	@Override
	public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		ConvChecks.backwardWeights(g, x, dy, dw, db);
		if (VectorWeightGradientByChannel.applies(g)) VectorWeightGradientByChannel.compute(g, x, dy, dw, db, threads);
		else VectorWeightGradient.compute(g, x, dy, dw, db, threads);
	}
}
