package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;

import sc.fiji.convnet.engine.kernels.VectorConvKernels.Workspace;

/**
 * 1×1 convolutions without padding (any stride) as a matrix product: Y[co, p] = Σ_ci W[co, ci]·X[ci, p] + b[co] over
 * the output pixels p of the whole plane. The direct kernel works one output row at a time, so a 7×7 plane filled 7
 * of 16 lanes; here the register blocks of {@link VectorForwardBlocks} run along the flattened plane. Tasks are
 * (image, group, tile of 3 vectors of pixels (1 at the plane's end), up to 64 output channels), so that small planes
 * still give every thread work.
 */
final class VectorPointwise {

	private VectorPointwise() {}

	/** Output channel blocks per task. */
	private static final int BLOCKS_PER_TASK = 8;

	static boolean applies(ConvGeometry g) {
		return g.kh == 1 && g.kw == 1 && g.padTop == 0 && g.padLeft == 0 && g.padBottom == 0 && g.padRight == 0;
	}

	/** As {@code VectorConvKernels.direct}: y = conv_g(x, W) + b, W packed from w (transposed when {@code orig} is set), or kept in {@code packed}; output from y[yAt] on. */
	static void forward(ConvGeometry g, float[] x, float[] w, ConvGeometry orig, float[] b, float[] y, int yAt, int threads, boolean relu,
			PackedWeights packed) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), cols = g.oh * g.ow, colsPad = (cols + L - 1) / L * L;
		int[] blockWidth = VectorConvKernels.blockWidths(coutG);
		float[] wp = VectorConvKernels.packAll(g, w, orig, blockWidth, threads, packed);
		int groupSize = VectorConvKernels.packedSize(blockWidth, cinG);
		int[] blockStart = new int[blockWidth.length + 1];
		for (int i = 0; i < blockWidth.length; i++) blockStart[i + 1] = blockStart[i] + blockWidth[i];
		int chunks = (blockWidth.length + BLOCKS_PER_TASK - 1) / BLOCKS_PER_TASK;
		int wideTiles = colsPad / (3 * L), tiles = wideTiles + (colsPad - wideTiles * 3 * L) / L; // 3 vectors wide, then single
		boolean direct = g.strideH == 1 && g.strideW == 1;
		Parallel.forEach(g.n * g.groups * tiles * chunks, threads, t -> {
			int chunk = t % chunks, rest = t / chunks, tile = rest % tiles;
			rest /= tiles;
			int grp = rest % g.groups, n = rest / g.groups;
			Workspace ws = VectorConvKernels.WORKSPACE.get();
			float[] tmp = ws.tmp = Workspace.grow(ws.tmp, 32 * L);
			int[] tapOff = ws.taps = Workspace.grow(ws.taps, cinG);
			boolean wide = tile < wideTiles;
			int ox0 = wide ? tile * 3 * L : wideTiles * 3 * L + (tile - wideTiles) * L, len = wide ? 3 * L : L;
			int valid = Math.max(0, Math.min(len, cols - ox0)), plane0 = n * g.cin + grp * cinG;
			// a stride-1 tile inside the plane reads the input where it is; others read a copy of their pixels (every
			// stride-th one, zeros past the plane's end)
			boolean inPlace = direct && ox0 + len <= cols;
			float[] src = x;
			if (!inPlace) {
				src = ws.gathered = Workspace.grow(ws.gathered, cinG * 3 * L);
				for (int ci = 0; ci < cinG; ci++) gather(g, x, (plane0 + ci) * g.h * g.w, ox0, len, src, ci * 3 * L);
			}
			for (int ci = 0; ci < cinG; ci++) // the blocks read src[tapOff + ox0 …]
				tapOff[ci] = inPlace ? (plane0 + ci) * cols : ci * 3 * L - ox0;
			int firstBlock = chunk * BLOCKS_PER_TASK, endBlock = Math.min(blockWidth.length, firstBlock + BLOCKS_PER_TASK);
			for (int blk = firstBlock; blk < endBlock; blk++) {
				int width = blockWidth[blk], coLocal = blockStart[blk], wb = grp * groupSize + coLocal * cinG;
				int co0 = grp * coutG + coLocal, count = Math.min(width, coutG - coLocal), rowBase = yAt + (n * g.cout + co0) * cols;
				block(width, wide, src, tapOff, cinG, wp, wb, ox0, b, co0, count, y, rowBase, cols, cols, tmp);
				if (relu) // the block's columns, just written
					for (int c = 0; c < count; c++) Rectifier.clip(y, rowBase + c * cols + ox0, rowBase + c * cols + ox0 + valid);
			}
		});
	}

	/** One register block over {@code taps} taps, written to out[rowBase + c·plane + ox0 …] (clipped at column ow). */
	private static void block(int width, boolean wide, float[] xp, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0,
			int count, float[] out, int rowBase, int plane, int ow, float[] tmp) {
		if (width == 8) {
			if (wide) VectorForwardBlocks.forward8x3(xp, tapOff, taps, wp, wb, ox0, b, co0, count, out, rowBase, plane, ow, tmp);
			else VectorForwardBlocks.forward8x1(xp, tapOff, taps, wp, wb, ox0, b, co0, count, out, rowBase, plane, ow, tmp);
		} else if (width == 4) {
			if (wide) VectorForwardBlocks.forward4x3(xp, tapOff, taps, wp, wb, ox0, b, co0, count, out, rowBase, plane, ow, tmp);
			else VectorForwardBlocks.forward4x1(xp, tapOff, taps, wp, wb, ox0, b, co0, count, out, rowBase, plane, ow, tmp);
		} else
			for (int v = 0; v < (wide ? 3 : 1); v++)
				VectorForwardBlocks.forward1x1(xp, tapOff, taps, wp, wb, ox0 + v * L, b, co0, count, out, rowBase, plane, ow, tmp);
	}

	/** The inputs of output pixels p0..p0+len of the input plane at {@code src} (every stride-th pixel), zeros past its end. */
	private static void gather(ConvGeometry g, float[] x, int src, int p0, int len, float[] xp, int at) {
		int end = Math.min(p0 + len, g.oh * g.ow);
		if (g.strideH == 1 && g.strideW == 1) System.arraycopy(x, src + p0, xp, at, Math.max(0, end - p0));
		else
			for (int p = p0, k = at; p < end; p++) xp[k++] = x[src + p / g.ow * g.strideH * g.w + p % g.ow * g.strideW];
		java.util.Arrays.fill(xp, at + Math.max(0, end - p0), at + len, 0f);
	}
}
