package sc.fiji.convnet.engine.kernels;

/**
 * The row loops of the scalar forward kernel, written so that HotSpot C2's auto-vectorizer (SuperWord)
 * takes them; a loop that is not vectorized runs several times slower. What timing JDK 17 showed:
 * <ul>
 * <li>every array must be indexed by the same expression {@code i} (callers copy shifted rows for that);</li>
 * <li>C2 only unrolls, and so only vectorizes, a loop whose body fits its unroll budget
 *     ({@code LoopUnrollLimit}, counted in IR nodes). One output row with three taps fits; two output rows
 *     with three taps fit only with {@link Math#fma} (one node instead of a multiply and an add) and with
 *     all loads before the stores; three output rows, or one with nine taps, do not fit;</li>
 * <li>a two-row loop called from inside a loop over kernel columns did not vectorize in these tests, so
 *     the kernel calls {@link #taps3Pair} directly, for kernels three columns wide.</li>
 * </ul>
 * The loads and stores, not the arithmetic, limit these loops: one row with three taps moves five vectors
 * per three multiply-adds, two rows move seven per six.
 */
final class ScalarRows {

	private ScalarRows() {}

	/** a[i] += w0·x0[i] + w1·x1[i] + w2·x2[i]. */
	static void taps3(float[] x0, float[] x1, float[] x2, float[] a, float w0, float w1, float w2, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * x0[i] + w1 * x1[i] + w2 * x2[i];
	}

	/**
	 * a[i] += w0·x0[i] + w1·x1[i] + w2·x2[i] and b[i] += v0·x0[i] + v1·x1[i] + v2·x2[i]: two output rows from
	 * the same three input rows, with fused multiply-adds (rounded once; the single-row loops round each
	 * product and sum), everything loaded before anything is stored.
	 */
	static void taps3Pair(float[] x0, float[] x1, float[] x2, float[] a, float[] b,
			float w0, float w1, float w2, float v0, float v1, float v2, int n) {
		for (int i = 0; i < n; i++) {
			float p = x0[i], q = x1[i], r = x2[i];
			float sa = Math.fma(w2, r, Math.fma(w1, q, Math.fma(w0, p, a[i])));
			float sb = Math.fma(v2, r, Math.fma(v1, q, Math.fma(v0, p, b[i])));
			a[i] = sa;
			b[i] = sb;
		}
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
