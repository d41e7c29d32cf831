package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;
import static sc.fiji.convnet.engine.kernels.VectorConvKernels.S;

import jdk.incubator.vector.FloatVector;
import sc.fiji.convnet.engine.kernels.VectorConvKernels.Workspace;

/**
 * The weight gradient as a matrix product over output pixels, with the vector lanes along output channels:
 * dw[co][tap] = Σ_p dy[co, p] · x[tap, p]. The input rows of a band of output rows are copied once
 * ({@link PaddedRows}), dy is transposed run by run into a pixel-major panel of 2L output channels (d[p][c]), and
 * then for each pixel two vector loads of that panel and 12 broadcast input values feed 24 FMAs into accumulators
 * that stay in registers over the whole run (up to 2048 pixels); no horizontal sums are needed. The transposition
 * costs about a seventh of the forward pass's time, the FMA loop runs at about the forward's speed.
 * <p>
 * It takes groups with at least 2L output channels on 16-lane vectors (32 registers hold the 24 accumulators);
 * {@link VectorWeightGradient} does the rest (few output channels, or 8-lane vectors), where this kernel would
 * fill only part of its lanes.
 */
final class VectorWeightGradientByChannel {

	private VectorWeightGradientByChannel() {}

	/** Output channels (two vectors) and taps per register block. */
	static final int CO = 2 * L, TAPS = 12;
	/**
	 * A band's input rows are copied once for all its output rows (up to 16, about 16 Ki output pixels), so the rows
	 * it shares with the next band are copied again only once per 16 output rows; its pixels then go in runs of at
	 * most 2048, whose panel of dy (256 KiB) stays in L2 while every tap block reads it.
	 */
	private static final int BAND_ROWS = 16, BAND_PIXELS = 16384, RUN_PIXELS = 2048;

	/** Whether this kernel takes g: enough output channels per group to fill its two vectors, and 32 vector registers. */
	static boolean applies(ConvGeometry g) {
		return L >= 16 && g.coutPerGroup() >= CO;
	}

	/** dw (and db when not null) of the convolution g for input x and output gradient dy. */
	static void compute(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		PaddedRows pr = new PaddedRows(g, 1); // the pixels run along dy's rows: no padding to whole vectors
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), taps = cinG * g.kh * g.kw;
		int tapBlocks = (taps + TAPS - 1) / TAPS, coBlocks = (coutG + CO - 1) / CO;
		int bandOut = Math.max(1, Math.min(g.oh, Math.min(BAND_ROWS, BAND_PIXELS / g.ow))); // output rows per band
		int band = pr.bandRows(bandOut);
		// taps past the end read tap 0 again and channels past the end see zero dy: their sums are thrown away
		int[] tapOff = new int[tapBlocks * TAPS];
		for (int ci = 0; ci < cinG; ci++)
			for (int ky = 0; ky < g.kh; ky++)
				for (int kx = 0; kx < g.kw; kx++) tapOff[(ci * g.kh + ky) * g.kw + kx] = pr.bandTapOffset(ci, ky, kx, band);
		// pixel i = k·ow + ox of a band reads its input at tap offset + xOffsets[i]: one flat loop over the band's
		// pixels, because a nested loop carrying the accumulators makes C2 box them
		int[] xOffsets = new int[bandOut * g.ow];
		for (int k = 0; k < bandOut; k++)
			for (int ox = 0; ox < g.ow; ox++) xOffsets[k * g.ow + ox] = k * g.strideH * pr.rowLen + ox;
		// a task takes a run of a group's channel blocks, so that the band of input rows it copies serves them all:
		// with enough blocks for every thread a run of blocks over all rows, else all blocks over a share of the
		// rows, each share with its own partial weight gradient
		int allRows = g.n * g.oh, blocksPerTask, parts;
		if (g.groups * coBlocks >= 2 * threads) {
			blocksPerTask = Math.max(1, g.groups * coBlocks / (2 * threads));
			parts = 1;
		} else {
			blocksPerTask = coBlocks;
			parts = Math.max(1, Math.min(threads, allRows));
		}
		int runs = (coBlocks + blocksPerTask - 1) / blocksPerTask, jobs = g.groups * runs;
		int wSize = (int) g.weightSize(), blockAcc = tapBlocks * TAPS * CO, panel = Math.min(RUN_PIXELS, bandOut * g.ow) * CO;
		float[] partial = parts > 1 ? new float[parts * wSize] : null;
		Parallel.forEach(jobs * parts, threads, t -> {
			int job = t / parts, part = t % parts, grp = job / runs, blk0 = job % runs * blocksPerTask;
			int blk1 = Math.min(coBlocks, blk0 + blocksPerTask), accSize = (blk1 - blk0) * blockAcc;
			Workspace ws = VectorConvKernels.WORKSPACE.get();
			float[] rows = ws.rows = Workspace.grow(ws.rows, cinG * band * pr.rowLen);
			float[] acc = ws.acc = Workspace.grow(ws.acc, accSize);
			float[] d = ws.dyRows = Workspace.grow(ws.dyRows, panel);
			java.util.Arrays.fill(acc, 0, accSize, 0f);
			int r0 = (int) ((long) part * allRows / parts), r1 = (int) ((long) (part + 1) * allRows / parts);
			for (int r = r0; r < r1; ) {
				int n = r / g.oh, oy = r % g.oh;
				int slots = Math.min(bandOut, Math.min(r1 - r, g.oh - oy)); // a band stays within one image
				pr.fillBand(x, n, grp * cinG, cinG, oy, band, rows);
				for (int blk = blk0; blk < blk1; blk++) {
					int co0 = grp * coutG + blk * CO, count = Math.min(CO, coutG - blk * CO), ab = (blk - blk0) * blockAcc;
					for (int p0 = 0, pixels = slots * g.ow; p0 < pixels; p0 += RUN_PIXELS) {
						int p1 = Math.min(pixels, p0 + RUN_PIXELS);
						transpose(dy, ((n * g.cout + co0) * g.oh + oy) * g.ow + p0, g.oh * g.ow, count, p1 - p0, d);
						for (int tb = 0; tb < tapBlocks; tb++) taps2x12(rows, tapOff, tb * TAPS, xOffsets, p0, p1, d, acc, ab + tb * TAPS * CO);
					}
				}
				r += slots;
			}
			float[] target = partial == null ? dw : partial;
			int base = partial == null ? 0 : part * wSize;
			for (int blk = blk0; blk < blk1; blk++) {
				int co0 = grp * coutG + blk * CO, count = Math.min(CO, coutG - blk * CO), ab = (blk - blk0) * blockAcc;
				for (int c = 0; c < count; c++)
					for (int tap = 0; tap < taps; tap++) target[base + (co0 + c) * taps + tap] = acc[ab + tap * CO + c];
			}
		});
		if (partial != null) VectorWeightGradient.sumParts(partial, parts, wSize, dw, threads);
		if (db != null) VectorWeightGradient.biasGradient(g, dy, db, threads);
	}

	/** Pixels per step of the transposition: their panel rows (8 KiB) stay in L1 while every channel writes its column. */
	private static final int TRANSPOSE_PIXELS = 64;

	/**
	 * d[p·CO + c] = dy[from + c·plane + p] for the first {@code pixels} pixels of {@code count} channel planes, zero
	 * for the channels from count to CO: the band's dy, pixel-major. Rows of a channel are consecutive in dy, so a
	 * band is one run per channel; it goes in steps of a few pixels, as a whole run per channel would write each
	 * panel row once per channel and evict it from L1 in between.
	 */
	private static void transpose(float[] dy, int from, int plane, int count, int pixels, float[] d) {
		for (int p0 = 0; p0 < pixels; p0 += TRANSPOSE_PIXELS) {
			int p1 = Math.min(pixels, p0 + TRANSPOSE_PIXELS);
			for (int c = 0; c < count; c++) {
				int src = from + c * plane;
				for (int p = p0; p < p1; p++) d[p * CO + c] = dy[src + p];
			}
			for (int c = count; c < CO; c++)
				for (int p = p0; p < p1; p++) d[p * CO + c] = 0f;
		}
	}

	/**
	 * acc[ab + (2t + v)·L ..] += Σ_i d[(i − from)·2L + v·L ..] · rows[tapOff[t0 + t] + xOffsets[i]], i from {@code from}
	 * to {@code to}, for the 12 taps t of a block
	 * and the 2 vectors v of output channels: per pixel, 2 vector loads of dy and 12 broadcast input values feed 24 FMAs.
	 */
	private static void taps2x12(float[] rows, int[] tapOff, int t0, int[] xOffsets, int from, int to, float[] d, float[] acc, int ab) {
		int o0 = tapOff[t0 + 0], o1 = tapOff[t0 + 1], o2 = tapOff[t0 + 2], o3 = tapOff[t0 + 3];
		int o4 = tapOff[t0 + 4], o5 = tapOff[t0 + 5], o6 = tapOff[t0 + 6], o7 = tapOff[t0 + 7];
		int o8 = tapOff[t0 + 8], o9 = tapOff[t0 + 9], o10 = tapOff[t0 + 10], o11 = tapOff[t0 + 11];
		FloatVector z = FloatVector.zero(S);
		FloatVector a0_0 = z, a0_1 = z, a1_0 = z, a1_1 = z, a2_0 = z, a2_1 = z, a3_0 = z, a3_1 = z;
		FloatVector a4_0 = z, a4_1 = z, a5_0 = z, a5_1 = z, a6_0 = z, a6_1 = z, a7_0 = z, a7_1 = z;
		FloatVector a8_0 = z, a8_1 = z, a9_0 = z, a9_1 = z, a10_0 = z, a10_1 = z, a11_0 = z, a11_1 = z;
		for (int i = from, j = 0; i < to; i++, j += 2 * L) {
			int xo = xOffsets[i];
			FloatVector d0 = FloatVector.fromArray(S, d, j), d1 = FloatVector.fromArray(S, d, j + L);
			FloatVector x0 = FloatVector.broadcast(S, rows[o0 + xo]);
			a0_0 = d0.fma(x0, a0_0); a0_1 = d1.fma(x0, a0_1);
			FloatVector x1 = FloatVector.broadcast(S, rows[o1 + xo]);
			a1_0 = d0.fma(x1, a1_0); a1_1 = d1.fma(x1, a1_1);
			FloatVector x2 = FloatVector.broadcast(S, rows[o2 + xo]);
			a2_0 = d0.fma(x2, a2_0); a2_1 = d1.fma(x2, a2_1);
			FloatVector x3 = FloatVector.broadcast(S, rows[o3 + xo]);
			a3_0 = d0.fma(x3, a3_0); a3_1 = d1.fma(x3, a3_1);
			FloatVector x4 = FloatVector.broadcast(S, rows[o4 + xo]);
			a4_0 = d0.fma(x4, a4_0); a4_1 = d1.fma(x4, a4_1);
			FloatVector x5 = FloatVector.broadcast(S, rows[o5 + xo]);
			a5_0 = d0.fma(x5, a5_0); a5_1 = d1.fma(x5, a5_1);
			FloatVector x6 = FloatVector.broadcast(S, rows[o6 + xo]);
			a6_0 = d0.fma(x6, a6_0); a6_1 = d1.fma(x6, a6_1);
			FloatVector x7 = FloatVector.broadcast(S, rows[o7 + xo]);
			a7_0 = d0.fma(x7, a7_0); a7_1 = d1.fma(x7, a7_1);
			FloatVector x8 = FloatVector.broadcast(S, rows[o8 + xo]);
			a8_0 = d0.fma(x8, a8_0); a8_1 = d1.fma(x8, a8_1);
			FloatVector x9 = FloatVector.broadcast(S, rows[o9 + xo]);
			a9_0 = d0.fma(x9, a9_0); a9_1 = d1.fma(x9, a9_1);
			FloatVector x10 = FloatVector.broadcast(S, rows[o10 + xo]);
			a10_0 = d0.fma(x10, a10_0); a10_1 = d1.fma(x10, a10_1);
			FloatVector x11 = FloatVector.broadcast(S, rows[o11 + xo]);
			a11_0 = d0.fma(x11, a11_0); a11_1 = d1.fma(x11, a11_1);
		}
		// written out: a helper taking vectors as arguments may not be inlined, and then every vector is boxed
		FloatVector.fromArray(S, acc, ab + 0 * L).add(a0_0).intoArray(acc, ab + 0 * L);
		FloatVector.fromArray(S, acc, ab + 1 * L).add(a0_1).intoArray(acc, ab + 1 * L);
		FloatVector.fromArray(S, acc, ab + 2 * L).add(a1_0).intoArray(acc, ab + 2 * L);
		FloatVector.fromArray(S, acc, ab + 3 * L).add(a1_1).intoArray(acc, ab + 3 * L);
		FloatVector.fromArray(S, acc, ab + 4 * L).add(a2_0).intoArray(acc, ab + 4 * L);
		FloatVector.fromArray(S, acc, ab + 5 * L).add(a2_1).intoArray(acc, ab + 5 * L);
		FloatVector.fromArray(S, acc, ab + 6 * L).add(a3_0).intoArray(acc, ab + 6 * L);
		FloatVector.fromArray(S, acc, ab + 7 * L).add(a3_1).intoArray(acc, ab + 7 * L);
		FloatVector.fromArray(S, acc, ab + 8 * L).add(a4_0).intoArray(acc, ab + 8 * L);
		FloatVector.fromArray(S, acc, ab + 9 * L).add(a4_1).intoArray(acc, ab + 9 * L);
		FloatVector.fromArray(S, acc, ab + 10 * L).add(a5_0).intoArray(acc, ab + 10 * L);
		FloatVector.fromArray(S, acc, ab + 11 * L).add(a5_1).intoArray(acc, ab + 11 * L);
		FloatVector.fromArray(S, acc, ab + 12 * L).add(a6_0).intoArray(acc, ab + 12 * L);
		FloatVector.fromArray(S, acc, ab + 13 * L).add(a6_1).intoArray(acc, ab + 13 * L);
		FloatVector.fromArray(S, acc, ab + 14 * L).add(a7_0).intoArray(acc, ab + 14 * L);
		FloatVector.fromArray(S, acc, ab + 15 * L).add(a7_1).intoArray(acc, ab + 15 * L);
		FloatVector.fromArray(S, acc, ab + 16 * L).add(a8_0).intoArray(acc, ab + 16 * L);
		FloatVector.fromArray(S, acc, ab + 17 * L).add(a8_1).intoArray(acc, ab + 17 * L);
		FloatVector.fromArray(S, acc, ab + 18 * L).add(a9_0).intoArray(acc, ab + 18 * L);
		FloatVector.fromArray(S, acc, ab + 19 * L).add(a9_1).intoArray(acc, ab + 19 * L);
		FloatVector.fromArray(S, acc, ab + 20 * L).add(a10_0).intoArray(acc, ab + 20 * L);
		FloatVector.fromArray(S, acc, ab + 21 * L).add(a10_1).intoArray(acc, ab + 21 * L);
		FloatVector.fromArray(S, acc, ab + 22 * L).add(a11_0).intoArray(acc, ab + 22 * L);
		FloatVector.fromArray(S, acc, ab + 23 * L).add(a11_1).intoArray(acc, ab + 23 * L);
	}
}
