package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;
import static sc.fiji.convnet.engine.kernels.VectorConvKernels.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register blocks of {@link VectorConvKernels}' forward pass: B output channels × V vectors of output columns,
 * summed over every tap of the packed weights, plus bias, written to the output rows (clipped at the row's end).
 * The accumulators are written out one by one: a helper taking vectors as arguments may not be inlined, and then
 * every vector is boxed.
 */
final class VectorForwardBlocks {

	private VectorForwardBlocks() {}

	static void forward8x3(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
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

	static void forward8x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
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

	static void forward4x3(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
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

	static void forward4x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
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

	static void forward1x6(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
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

	static void forward1x1(float[] rows, int[] tapOff, int taps, float[] wp, int wb, int ox0, float[] b, int co0, int count,
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
}
