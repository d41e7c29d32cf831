package sc.fiji.convnet.engine.layers;

import sc.fiji.convnet.engine.Loops;

/**
 * A transposed convolution whose stride equals its kernel (the U-Net's 2×2 stride-2 up-sampling), with
 * no padding, dilation or groups: every input pixel writes its own KH×KW block of the output, so
 * nothing overlaps and each pass is a small matrix product per pixel,
 * y[n, o, KH·i + a, KW·j + b] = Σ_c x[n, c, i, j]·w[c, o, a, b].
 * The general kernels compute this forward pass as the input-gradient of a strided convolution, which
 * is slower; the backward passes (a strided convolution and its weight gradient) stay with the kernels,
 * which do them faster than a direct loop over this layout.
 * Arrays are row-major; x is N×C_in×H×W, w C_in×C_out×KH×KW, y N×C_out×(KH·H)×(KW·W).
 * Every method overwrites its output, and each output value is summed in a fixed order, so the results
 * do not depend on the number of threads.
 */
final class NonOverlappingTransposedConv {

	private final int n, cin, cout, h, w, kh, kw;

	NonOverlappingTransposedConv(int n, int cin, int cout, int h, int w, int kh, int kw) {
		this.n = n; this.cin = cin; this.cout = cout; this.h = h; this.w = w; this.kh = kh; this.kw = kw;
	}

	/** y = x ⋆ᵀ w + b (b may be null). */
	void forward(float[] x, float[] wt, float[] b, float[] y) {
		int taps = kh * kw, ow = w * kw, inPlane = h * w, outPlane = inPlane * taps;
		Loops.tasks(n * cout, t -> {
			int s = t / cout, o = t % cout;
			float bias = b == null ? 0f : b[o];
			float[] acc = new float[taps * w]; // one output row block: tap (a, b) at acc[(a·KW + b)·W + j]
			float[] tap = new float[taps];
			for (int i = 0; i < h; i++) {
				java.util.Arrays.fill(acc, 0f);
				for (int c = 0; c < cin; c++) {
					int xr = (s * cin + c) * inPlane + i * w, wb = (c * cout + o) * taps;
					System.arraycopy(wt, wb, tap, 0, taps);
					for (int k = 0; k < taps; k++) {
						float wv = tap[k];
						int a0 = k * w;
						for (int j = 0; j < w; j++) acc[a0 + j] += x[xr + j] * wv;
					}
				}
				int yBase = (s * cout + o) * outPlane;
				for (int a = 0; a < kh; a++) {
					int yr = yBase + (kh * i + a) * ow;
					for (int bb = 0; bb < kw; bb++) {
						int a0 = (a * kw + bb) * w;
						for (int j = 0; j < w; j++) y[yr + kw * j + bb] = acc[a0 + j] + bias;
					}
				}
			}
		});
	}
}
