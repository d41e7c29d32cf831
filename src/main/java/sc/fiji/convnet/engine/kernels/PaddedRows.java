package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

/**
 * The layout the vector kernels read input rows from: zero-padded copies of input rows, each split into
 * {@code strideW} phases so that every tap reads consecutive values: padded column c = phase + strideW·j
 * is stored at phase·phaseLen + j, and output column ox of tap kx reads position tapOffset + ox. Two
 * arrangements of rows: a ring per channel indexed by input row modulo the dilated kernel height (forward),
 * and a band of the input rows that a few consecutive output rows read (weight gradient).
 */
final class PaddedRows {

	final ConvGeometry g;
	/** Output columns rounded up to whole vectors of {@code lanes}. */
	final int owPad;
	final int phaseLen;
	/** Floats per (channel, kernel row) row. */
	final int rowLen;

	PaddedRows(ConvGeometry g, int lanes) {
		this.g = g;
		this.owPad = (g.ow + lanes - 1) / lanes * lanes;
		this.phaseLen = owPad + (g.kw - 1) * g.dilationW / g.strideW + 1;
		this.rowLen = g.strideW * phaseLen;
	}

	// ---- ring layout: one slot per input row modulo the dilated kernel height, so that consecutive output
	// rows reuse the input rows they share and each input row is copied once per task, not once per kernel row

	/** Slots of the ring: the dilated kernel height, which holds every input row one output row reads. */
	int ringSlots() { return g.dilationH * (g.kh - 1) + 1; }

	int ringSize(int channels) { return channels * ringSlots() * rowLen; }

	/** Offset of tap kx of channel ci whose input row sits in ring slot {@code slot}, at output column 0. */
	int ringTapOffset(int ci, int slot, int kx) {
		int c = kx * g.dilationW;
		return (ci * ringSlots() + slot) * rowLen + (c % g.strideW) * phaseLen + c / g.strideW;
	}

	// ---- band layout: the input rows that `outRows` consecutive output rows read, once each, per channel

	/** Input rows that {@code outRows} consecutive output rows read. */
	int bandRows(int outRows) { return (outRows - 1) * g.strideH + g.dilationH * (g.kh - 1) + 1; }

	/** Offset of tap (ci, ky, kx) for the first output row of a band of {@code bandRows} rows per channel. */
	int bandTapOffset(int ci, int ky, int kx, int bandRows) {
		int c = kx * g.dilationW;
		return (ci * bandRows + ky * g.dilationH) * rowLen + (c % g.strideW) * phaseLen + c / g.strideW;
	}

	/** Copies the band of input rows read by output rows oy.. (bandRows of them per channel). */
	void fillBand(float[] x, int n, int c0, int channels, int oy, int bandRows, float[] rows) {
		int iy0 = oy * g.strideH - g.padTop;
		for (int ci = 0; ci < channels; ci++) {
			int plane = (n * g.cin + c0 + ci) * g.h * g.w;
			for (int r = 0; r < bandRows; r++) copyRow(x, plane, iy0 + r, rows, (ci * bandRows + r) * rowLen);
		}
	}

	/** Copies input row iy (zeros outside the image) of channels c0..c0+channels of image n into ring slot {@code slot}. */
	void fillSlot(float[] x, int n, int c0, int channels, int iy, int slot, float[] rows) {
		int slots = ringSlots();
		for (int ci = 0; ci < channels; ci++)
			copyRow(x, (n * g.cin + c0 + ci) * g.h * g.w, iy, rows, (ci * slots + slot) * rowLen);
	}

	/** Writes the padded, phase-split copy of input row iy of one plane (zeros if iy is outside) at {@code base}. */
	private void copyRow(float[] x, int plane, int iy, float[] rows, int base) {
		int sw = g.strideW, w = g.w;
		if (iy < 0 || iy >= g.h) {
			Arrays.fill(rows, base, base + rowLen, 0f);
			return;
		}
		int src = plane + iy * w;
		if (sw == 1) {
			// padded column c holds x[c − padLeft]
			int left = Math.min(g.padLeft, rowLen);
			Arrays.fill(rows, base, base + left, 0f);
			int count = Math.min(w, rowLen - left);
			if (count > 0) System.arraycopy(x, src, rows, base + left, count);
			int end = left + Math.max(count, 0);
			Arrays.fill(rows, base + end, base + rowLen, 0f);
		} else {
			for (int p = 0; p < sw; p++) {
				int dst = base + p * phaseLen;
				for (int j = 0; j < phaseLen; j++) {
					int ix = p + sw * j - g.padLeft;
					rows[dst + j] = ix >= 0 && ix < w ? x[src + ix] : 0f;
				}
			}
		}
	}
}
