package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;
import static sc.fiji.convnet.engine.kernels.VectorConvKernels.S;

import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernels of {@link VectorSmallPlanes}: 8 output pixels × 2 (or 1) vectors of output channels, the vector
 * lanes along the channels. Each takes the partial sums from c (pixel r's channels at c[at + r·width …]), adds the
 * products of {@code taps} consecutive taps of one input panel ({@link PatchPanels}, a[ai + k·8 + r]) and one weight
 * panel ({@link ChannelPanels}, wp[wi + k·width …]), and stores the sums back: a tap costs 8 broadcasts and 1–2
 * vector loads for 8–16 fused multiply-adds. The accumulators stay in local variables in one flat loop and leave by
 * one path, so that C2 keeps them in registers (see the kernel notes in BENCHMARKS.md).
 */
final class VectorChannelBlocks {

	private VectorChannelBlocks() {}

	static void multiply8x2(float[] a, int ai, float[] wp, int wi, int taps, float[] c, int at) {
		FloatVector c00 = FloatVector.fromArray(S, c, at + 0 * L), c01 = FloatVector.fromArray(S, c, at + 1 * L);
		FloatVector c10 = FloatVector.fromArray(S, c, at + 2 * L), c11 = FloatVector.fromArray(S, c, at + 3 * L);
		FloatVector c20 = FloatVector.fromArray(S, c, at + 4 * L), c21 = FloatVector.fromArray(S, c, at + 5 * L);
		FloatVector c30 = FloatVector.fromArray(S, c, at + 6 * L), c31 = FloatVector.fromArray(S, c, at + 7 * L);
		FloatVector c40 = FloatVector.fromArray(S, c, at + 8 * L), c41 = FloatVector.fromArray(S, c, at + 9 * L);
		FloatVector c50 = FloatVector.fromArray(S, c, at + 10 * L), c51 = FloatVector.fromArray(S, c, at + 11 * L);
		FloatVector c60 = FloatVector.fromArray(S, c, at + 12 * L), c61 = FloatVector.fromArray(S, c, at + 13 * L);
		FloatVector c70 = FloatVector.fromArray(S, c, at + 14 * L), c71 = FloatVector.fromArray(S, c, at + 15 * L);
		for (int k = 0; k < taps; k++) {
			int ak = ai + k * PatchPanels.PIXELS, wk = wi + k * 2 * L;
			FloatVector w0 = FloatVector.fromArray(S, wp, wk);
			FloatVector w1 = FloatVector.fromArray(S, wp, wk + 1 * L);
			FloatVector x0 = FloatVector.broadcast(S, a[ak + 0]);
			c00 = w0.fma(x0, c00); c01 = w1.fma(x0, c01);
			FloatVector x1 = FloatVector.broadcast(S, a[ak + 1]);
			c10 = w0.fma(x1, c10); c11 = w1.fma(x1, c11);
			FloatVector x2 = FloatVector.broadcast(S, a[ak + 2]);
			c20 = w0.fma(x2, c20); c21 = w1.fma(x2, c21);
			FloatVector x3 = FloatVector.broadcast(S, a[ak + 3]);
			c30 = w0.fma(x3, c30); c31 = w1.fma(x3, c31);
			FloatVector x4 = FloatVector.broadcast(S, a[ak + 4]);
			c40 = w0.fma(x4, c40); c41 = w1.fma(x4, c41);
			FloatVector x5 = FloatVector.broadcast(S, a[ak + 5]);
			c50 = w0.fma(x5, c50); c51 = w1.fma(x5, c51);
			FloatVector x6 = FloatVector.broadcast(S, a[ak + 6]);
			c60 = w0.fma(x6, c60); c61 = w1.fma(x6, c61);
			FloatVector x7 = FloatVector.broadcast(S, a[ak + 7]);
			c70 = w0.fma(x7, c70); c71 = w1.fma(x7, c71);
		}
		c00.intoArray(c, at + 0 * L);
		c01.intoArray(c, at + 1 * L);
		c10.intoArray(c, at + 2 * L);
		c11.intoArray(c, at + 3 * L);
		c20.intoArray(c, at + 4 * L);
		c21.intoArray(c, at + 5 * L);
		c30.intoArray(c, at + 6 * L);
		c31.intoArray(c, at + 7 * L);
		c40.intoArray(c, at + 8 * L);
		c41.intoArray(c, at + 9 * L);
		c50.intoArray(c, at + 10 * L);
		c51.intoArray(c, at + 11 * L);
		c60.intoArray(c, at + 12 * L);
		c61.intoArray(c, at + 13 * L);
		c70.intoArray(c, at + 14 * L);
		c71.intoArray(c, at + 15 * L);
	}

	static void multiply8x1(float[] a, int ai, float[] wp, int wi, int taps, float[] c, int at) {
		FloatVector c00 = FloatVector.fromArray(S, c, at + 0 * L);
		FloatVector c10 = FloatVector.fromArray(S, c, at + 1 * L);
		FloatVector c20 = FloatVector.fromArray(S, c, at + 2 * L);
		FloatVector c30 = FloatVector.fromArray(S, c, at + 3 * L);
		FloatVector c40 = FloatVector.fromArray(S, c, at + 4 * L);
		FloatVector c50 = FloatVector.fromArray(S, c, at + 5 * L);
		FloatVector c60 = FloatVector.fromArray(S, c, at + 6 * L);
		FloatVector c70 = FloatVector.fromArray(S, c, at + 7 * L);
		for (int k = 0; k < taps; k++) {
			int ak = ai + k * PatchPanels.PIXELS, wk = wi + k * 1 * L;
			FloatVector w0 = FloatVector.fromArray(S, wp, wk);
			FloatVector x0 = FloatVector.broadcast(S, a[ak + 0]);
			c00 = w0.fma(x0, c00);
			FloatVector x1 = FloatVector.broadcast(S, a[ak + 1]);
			c10 = w0.fma(x1, c10);
			FloatVector x2 = FloatVector.broadcast(S, a[ak + 2]);
			c20 = w0.fma(x2, c20);
			FloatVector x3 = FloatVector.broadcast(S, a[ak + 3]);
			c30 = w0.fma(x3, c30);
			FloatVector x4 = FloatVector.broadcast(S, a[ak + 4]);
			c40 = w0.fma(x4, c40);
			FloatVector x5 = FloatVector.broadcast(S, a[ak + 5]);
			c50 = w0.fma(x5, c50);
			FloatVector x6 = FloatVector.broadcast(S, a[ak + 6]);
			c60 = w0.fma(x6, c60);
			FloatVector x7 = FloatVector.broadcast(S, a[ak + 7]);
			c70 = w0.fma(x7, c70);
		}
		c00.intoArray(c, at + 0 * L);
		c10.intoArray(c, at + 1 * L);
		c20.intoArray(c, at + 2 * L);
		c30.intoArray(c, at + 3 * L);
		c40.intoArray(c, at + 4 * L);
		c50.intoArray(c, at + 5 * L);
		c60.intoArray(c, at + 6 * L);
		c70.intoArray(c, at + 7 * L);
	}
}
