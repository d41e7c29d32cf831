package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;
import static sc.fiji.convnet.engine.kernels.VectorConvKernels.S;

import jdk.incubator.vector.FloatVector;
import sc.fiji.convnet.engine.kernels.VectorConvKernels.Workspace;

/**
 * The weight and bias gradients of {@link VectorConvKernels}: 8 output channels × 3 taps of dot products in
 * registers, over bands of 4 output rows; with few output channels the rows are split between threads, each
 * with its own partial weight gradient.
 */
final class VectorWeightGradient {

	private VectorWeightGradient() {}

	/** Output channels and taps per register block of the weight gradient. */
	static final int WC = 8, WT = 3;
	/** Output rows whose products a weight-gradient block sums in registers before adding them to memory. */
	static final int WR = 4;

	/** dw (and db when not null) of the convolution g for input x and output gradient dy. */
	static void compute(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
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
			Workspace ws = VectorConvKernels.WORKSPACE.get();
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
		if (partial != null) sumParts(partial, parts, wSize, dw, threads);
		if (db != null) biasGradient(g, dy, db, threads);
	}

	/** dw[i] = Σ_q partial[q·wSize + i] for i < wSize: the threads' partial weight gradients added up. */
	static void sumParts(float[] partial, int parts, int wSize, float[] dw, int threads) {
		Parallel.forEach(threads, threads, p -> {
			int i0 = (int) ((long) p * wSize / threads), i1 = (int) ((long) (p + 1) * wSize / threads);
			for (int i = i0; i < i1; i++) {
				float s = 0;
				for (int q = 0; q < parts; q++) s += partial[q * wSize + i];
				dw[i] = s;
			}
		});
	}

	/** db[co] = Σ dy[·, co, ·, ·], in vector partial sums per plane, then in double across planes. */
	static void biasGradient(ConvGeometry g, float[] dy, float[] db, int threads) {
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
