package sc.fiji.convnet.engine.layers;

import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.Kernels;

/**
 * A transposed convolution whose stride equals its kernel (the U-Net's 2×2 stride-2 up-sampling), with
 * no padding, dilation or groups: every input pixel writes its own KH×KW block of the output, so
 * nothing overlaps and each pass is a small matrix product per pixel,
 * y[n, o, KH·i + a, KW·j + b] = Σ_c x[n, c, i, j]·w[c, o, a, b].
 * The general kernels compute this forward pass as the input-gradient of a strided convolution, which
 * is slower; the backward passes (a strided convolution and its weight gradient) stay with the kernels,
 * which do them faster than a direct loop over this layout.
 * Arrays are row-major; x is N×C_in×H×W, w C_in×C_out×KH×KW, y N×C_out×(KH·H)×(KW·W).
 * Every method overwrites its output, and each output value is summed in a fixed order (the kernels'), so the
 * results do not depend on the number of threads.
 */
final class NonOverlappingTransposedConv {

	private final int n, cin, cout, h, w, kh, kw;

	NonOverlappingTransposedConv(int n, int cin, int cout, int h, int w, int kh, int kw) {
		this.n = n; this.cin = cin; this.cout = cout; this.h = h; this.w = w; this.kh = kh; this.kw = kw;
	}

	/**
	 * y = x ⋆ᵀ w + b (b may be null): the blocks of all pixels as one 1×1 convolution with C_out·KH·KW outputs on the
	 * fast kernels (a plain loop here ran at a tenth of their speed), then each pixel's block put in its place.
	 */
	void forward(float[] x, float[] wt, float[] b, float[] y) {
		int taps = kh * kw, ow = w * kw, inPlane = h * w, outPlane = inPlane * taps;
		float[] w1 = new float[cout * taps * cin]; // output (o, a, b) of the 1×1 convolution reads w[c, o, a, b]
		for (int c = 0; c < cin; c++)
			for (int o = 0; o < cout; o++)
				for (int k = 0; k < taps; k++) w1[(o * taps + k) * cin + c] = wt[(c * cout + o) * taps + k];
		ConvGeometry g = new ConvGeometry(n, cin, h, w, cout * taps, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1);
		float[] z = new float[n * cout * outPlane];
		Kernels.best().forward(g, x, w1, null, z, Kernels.defaultThreads());
		Loops.tasks(n * cout, t -> {
			int o = t % cout, yBase = t * outPlane;
			float bias = b == null ? 0f : b[o];
			for (int a = 0; a < kh; a++)
				for (int bb = 0; bb < kw; bb++) {
					int zBase = (t * taps + a * kw + bb) * inPlane;
					for (int i = 0; i < h; i++) {
						int yr = yBase + (kh * i + a) * ow + bb, zr = zBase + i * w;
						for (int j = 0; j < w; j++) y[yr + kw * j] = z[zr + j] + bias;
					}
				}
		});
	}
}
