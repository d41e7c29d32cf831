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

	/**
	 * acc[c] += Σ_kx wp[wi + c·taps + kx]·xs[kx] for the block's output channels c < count, over n values: one
	 * kernel row of one input channel. With three kernel columns the channels go in pairs through
	 * {@link #taps3Pair}.
	 * <p>
	 * This method is kept too large for C2 to inline into the kernel (its bytecode is over
	 * {@code FreqInlineSize}, 325 bytes), so it is compiled on its own, with its own profile. The paired loop only
	 * fits C2's unroll budget while loop predication has moved its range checks out of the loop, and C2 stops
	 * predicating in a method that has hit failed predicates before: inside the large kernel method, whose
	 * predicates can fail when a later call has other shapes, the paired loop lost its vectorization
	 * (measured: 50 → 7 GFLOP/s on the second shape of a run).
	 */
	static void accumulate(float[][] xs, float[][] acc, int count, float[] wp, int wi, int taps, int kw, int n) {
		int c = 0;
		if (kw == 3) {
			float[] x0 = xs[0], x1 = xs[1], x2 = xs[2];
			for (; c + 2 <= count; c += 2) {
				int wa = wi + c * taps, wb = wa + taps;
				taps3Pair(x0, x1, x2, acc[c], acc[c + 1], wp[wa], wp[wa + 1], wp[wa + 2], wp[wb], wp[wb + 1], wp[wb + 2], n);
			}
			if (c < count) {
				int wa = wi + c * taps;
				taps3(x0, x1, x2, acc[c], wp[wa], wp[wa + 1], wp[wa + 2], n);
			}
			return;
		}
		if (kw == 1) {
			float[] x0 = xs[0];
			for (; c + 2 <= count; c += 2) tap1Pair(x0, acc[c], acc[c + 1], wp[wi + c * taps], wp[wi + (c + 1) * taps], n);
			if (c < count) tap1(x0, acc[c], wp[wi + c * taps], n);
			return;
		}
		for (; c < count; c++) {
			float[] a = acc[c];
			int wa = wi + c * taps, kx = 0;
			for (; kx + 3 <= kw; kx += 3) taps3(xs[kx], xs[kx + 1], xs[kx + 2], a, wp[wa + kx], wp[wa + kx + 1], wp[wa + kx + 2], n);
			if (kw - kx == 2) taps2(xs[kx], xs[kx + 1], a, wp[wa + kx], wp[wa + kx + 1], n);
			else if (kw - kx == 1) tap1(xs[kx], a, wp[wa + kx], n);
		}
	}

	/** a[i] += w·x[i] and b[i] += v·x[i] with fused multiply-adds, both loaded before either is stored. */
	static void tap1Pair(float[] x, float[] a, float[] b, float w, float v, int n) {
		for (int i = 0; i < n; i++) {
			float p = x[i];
			float sa = Math.fma(w, p, a[i]);
			float sb = Math.fma(v, p, b[i]);
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
}
