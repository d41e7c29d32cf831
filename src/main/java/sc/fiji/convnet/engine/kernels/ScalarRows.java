package sc.fiji.convnet.engine.kernels;

/**
 * The row loops of the scalar forward kernel, written so that HotSpot C2's auto-vectorizer (SuperWord) takes
 * them: every array is indexed by the same expression {@code i} (callers copy shifted rows for that), and the
 * loop body stays well inside C2's unroll budget ({@code LoopUnrollLimit}, counted in IR nodes, range checks
 * included until loop predication moves them out): C2 vectorizes only loops it unrolls. A loop that is not
 * vectorized runs several times slower.
 * <p>
 * Tried and left out (JDK 17, 2026-12-02): loops that feed two output channels from the same three input rows
 * (seven vector loads and stores per six multiply-adds instead of five per three) vectorize only with
 * {@link Math#fma} and with all loads before the stores, and then ran 1.3–1.5× faster, but they sit at the edge
 * of the budget: depending on the calling context and after some recompilations (a later call with another
 * shape, an odd channel count taking a branch seen for the first time) C2 compiled them without vectorizing,
 * and the whole forward pass fell to 7–13 GFLOP/s (from 45–70). Three channels per loop, or one channel with nine
 * taps, never vectorized without raising {@code LoopUnrollLimit}.
 */
final class ScalarRows {

	private ScalarRows() {}

	/** a[i] += w0·x0[i] + w1·x1[i] + w2·x2[i]. */
	static void taps3(float[] x0, float[] x1, float[] x2, float[] a, float w0, float w1, float w2, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * x0[i] + w1 * x1[i] + w2 * x2[i];
	}

	/** a[i] += w0·x0[i] + w1·x1[i]. */
	static void taps2(float[] x0, float[] x1, float[] a, float w0, float w1, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * x0[i] + w1 * x1[i];
	}

	/** a[i] += w·x[i]. */
	static void tap1(float[] x, float[] a, float w, int n) {
		for (int i = 0; i < n; i++) a[i] += w * x[i];
	}

	/** a += Σ_kx wp[wi + kx]·xs[kx] over one kernel row, three kernel columns per pass (one store per three products). */
	static void kernelRow(float[][] xs, float[] a, float[] wp, int wi, int kw, int n) {
		int kx = 0;
		for (; kx + 3 <= kw; kx += 3) taps3(xs[kx], xs[kx + 1], xs[kx + 2], a, wp[wi + kx], wp[wi + kx + 1], wp[wi + kx + 2], n);
		if (kw - kx == 2) taps2(xs[kx], xs[kx + 1], a, wp[wi + kx], wp[wi + kx + 1], n);
		else if (kw - kx == 1) tap1(xs[kx], a, wp[wi + kx], n);
	}
}
