package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;

import sc.fiji.convnet.engine.kernels.VectorConvKernels.Workspace;

/**
 * 1×1 convolutions without padding (any stride) as a matrix product: Y[co, p] = Σ_ci W[co, ci]·X[ci, p] + b[co] over
 * the output pixels p of the whole plane. The direct kernel works one output row at a time, so a 7×7 plane filled 7
 * of 16 lanes; here the input is first gathered into planes of OH·OW pixels rounded up to whole vectors (taking every
 * stride-th pixel), and the register blocks of {@link VectorForwardBlocks} run along the flattened plane. Tasks are
 * (image, group, column tile, up to 64 output channels), so that small planes still give every thread work.
 */
final class VectorPointwise {

	private VectorPointwise() {}

	/** Output channel blocks per task. */
	private static final int BLOCKS_PER_TASK = 8;

	static boolean applies(ConvGeometry g) {
		return g.kh == 1 && g.kw == 1 && g.padTop == 0 && g.padLeft == 0 && g.padBottom == 0 && g.padRight == 0;
	}

	/** As {@code VectorConvKernels.direct}: y = conv_g(x, W) + b, W packed from w (transposed when {@code orig} is set). */
	static void forward(ConvGeometry g, float[] x, float[] w, ConvGeometry orig, float[] b, float[] y, int threads, boolean relu) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup(), cols = g.oh * g.ow, colsPad = (cols + L - 1) / L * L;
		int[] blockWidth = VectorConvKernels.blockWidths(coutG);
		float[] wp = VectorConvKernels.packAll(g, w, orig, blockWidth, threads);
		int groupSize = VectorConvKernels.packedSize(blockWidth, cinG);
		Workspace caller = VectorConvKernels.WORKSPACE.get();
		float[] xp = caller.gathered = Workspace.grow(caller.gathered, g.n * g.cin * colsPad);
		Parallel.forEach(g.n * g.cin, threads, plane -> gather(g, x, plane, xp, plane * colsPad));

		int[] blockStart = new int[blockWidth.length + 1];
		for (int i = 0; i < blockWidth.length; i++) blockStart[i + 1] = blockStart[i] + blockWidth[i];
		int chunks = (blockWidth.length + BLOCKS_PER_TASK - 1) / BLOCKS_PER_TASK;
		int wideTiles = colsPad / (3 * L), tiles = wideTiles + (colsPad - wideTiles * 3 * L) / L; // 3 vectors wide, then single
		Parallel.forEach(g.n * g.groups * tiles * chunks, threads, t -> {
			int chunk = t % chunks, rest = t / chunks, tile = rest % tiles;
			rest /= tiles;
			int grp = rest % g.groups, n = rest / g.groups;
			Workspace ws = VectorConvKernels.WORKSPACE.get();
			float[] tmp = ws.tmp = Workspace.grow(ws.tmp, 32 * L);
			int[] tapOff = ws.taps = Workspace.grow(ws.taps, cinG);
			for (int ci = 0; ci < cinG; ci++) tapOff[ci] = (n * g.cin + grp * cinG + ci) * colsPad;
			boolean wide = tile < wideTiles;
			int ox0 = wide ? tile * 3 * L : wideTiles * 3 * L + (tile - wideTiles) * L;
			int firstBlock = chunk * BLOCKS_PER_TASK, endBlock = Math.min(blockWidth.length, firstBlock + BLOCKS_PER_TASK);
			for (int blk = firstBlock; blk < endBlock; blk++) {
				int width = blockWidth[blk], coLocal = blockStart[blk], wb = grp * groupSize + coLocal * cinG;
				int co0 = grp * coutG + coLocal, count = Math.min(width, coutG - coLocal), rowBase = (n * g.cout + co0) * cols;
				if (width == 8) {
					if (wide) VectorForwardBlocks.forward8x3(xp, tapOff, cinG, wp, wb, ox0, b, co0, count, y, rowBase, cols, cols, tmp);
					else VectorForwardBlocks.forward8x1(xp, tapOff, cinG, wp, wb, ox0, b, co0, count, y, rowBase, cols, cols, tmp);
				} else if (width == 4) {
					if (wide) VectorForwardBlocks.forward4x3(xp, tapOff, cinG, wp, wb, ox0, b, co0, count, y, rowBase, cols, cols, tmp);
					else VectorForwardBlocks.forward4x1(xp, tapOff, cinG, wp, wb, ox0, b, co0, count, y, rowBase, cols, cols, tmp);
				} else
					for (int v = 0; v < (wide ? 3 : 1); v++)
						VectorForwardBlocks.forward1x1(xp, tapOff, cinG, wp, wb, ox0 + v * L, b, co0, count, y, rowBase, cols, cols, tmp);
				if (relu) // the block's columns, just written
					for (int c = 0; c < count; c++) VectorConvKernels.clip(y, rowBase + c * cols + ox0, Math.max(0, Math.min(wide ? 3 * L : L, cols - ox0)));
			}
		});
	}

	/** The output pixels' inputs of one input plane (every stride-th pixel), zeros up to the rounded-up length. */
	private static void gather(ConvGeometry g, float[] x, int plane, float[] xp, int at) {
		int src = plane * g.h * g.w, cols = g.oh * g.ow;
		if (g.strideH == 1 && g.strideW == 1) System.arraycopy(x, src, xp, at, cols);
		else
			for (int oy = 0, k = at; oy < g.oh; oy++)
				for (int ox = 0, row = src + oy * g.strideH * g.w; ox < g.ow; ox++) xp[k++] = x[row + ox * g.strideW];
		java.util.Arrays.fill(xp, at + cols, at + (cols + L - 1) / L * L, 0f);
	}
}
