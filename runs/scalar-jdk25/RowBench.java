public class RowBench {
	static void taps3(float[] x0, float[] x1, float[] x2, float[] a, float w0, float w1, float w2, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * x0[i] + w1 * x1[i] + w2 * x2[i];
	}
	static void pair(float[] x0, float[] x1, float[] x2, float[] a, float[] b, float w0, float w1, float w2, float u0, float u1, float u2, int n) {
		for (int i = 0; i < n; i++) {
			float v0 = x0[i], v1 = x1[i], v2 = x2[i], p = a[i], q = b[i];
			a[i] = Math.fma(w2, v2, Math.fma(w1, v1, Math.fma(w0, v0, p)));
			b[i] = Math.fma(u2, v2, Math.fma(u1, v1, Math.fma(u0, v0, q)));
		}
	}
	static void quad(float[] x0, float[] x1, float[] x2, float[] a, float[] b, float[] c, float[] d, float[] w, int n) {
		float w0 = w[0], w1 = w[1], w2 = w[2], u0 = w[3], u1 = w[4], u2 = w[5], s0 = w[6], s1 = w[7], s2 = w[8], t0 = w[9], t1 = w[10], t2 = w[11];
		for (int i = 0; i < n; i++) {
			float v0 = x0[i], v1 = x1[i], v2 = x2[i], p = a[i], q = b[i], r = c[i], s = d[i];
			a[i] = Math.fma(w2, v2, Math.fma(w1, v1, Math.fma(w0, v0, p)));
			b[i] = Math.fma(u2, v2, Math.fma(u1, v1, Math.fma(u0, v0, q)));
			c[i] = Math.fma(s2, v2, Math.fma(s1, v1, Math.fma(s0, v0, r)));
			d[i] = Math.fma(t2, v2, Math.fma(t1, v1, Math.fma(t0, v0, s)));
		}
	}
	/** the same as taps3 but in one shared array: rows at offsets (x0 at ox, accumulators at oa) — same index expression relative. */
	public static void main(String[] args) {
		int n = Integer.parseInt(args.length > 0 ? args[0] : "512");
		float[] x0 = new float[n], x1 = new float[n], x2 = new float[n], a = new float[n], b = new float[n], c = new float[n], d = new float[n];
		float[] w = new float[12];
		for (int i = 0; i < n; i++) { x0[i] = i * 1e-3f; x1[i] = 1 - i * 1e-3f; x2[i] = 0.5f; }
		for (int i = 0; i < 12; i++) w[i] = 1e-4f * (i + 1);
		for (int round = 0; round < 6; round++) {
			int reps = 2_000_000 * 512 / n / 4;
			long t0 = System.nanoTime();
			for (int r = 0; r < reps; r++) taps3(x0, x1, x2, a, w[0], w[1], w[2], n);
			long t1 = System.nanoTime();
			for (int r = 0; r < reps / 2; r++) pair(x0, x1, x2, a, b, w[0], w[1], w[2], w[3], w[4], w[5], n);
			long t2 = System.nanoTime();
			for (int r = 0; r < reps / 4; r++) quad(x0, x1, x2, a, b, c, d, w, n);
			long t3 = System.nanoTime();
			// odd sizes in between, as a kernel with other shapes would call them
			for (int r = 0; r < 1000; r++) { taps3(x0, x1, x2, a, 1, 1, 1, 37 + r % 50); pair(x0, x1, x2, a, b, 1, 1, 1, 1, 1, 1, 37 + r % 50); quad(x0, x1, x2, a, b, c, d, w, 37 + r % 50); }
			double flops = 6.0 * n * reps;
			System.out.printf("n %d round %d: taps3 %.1f  pair %.1f  quad %.1f GFLOP/s  (%.3g)%n", n, round, flops / (t1 - t0), flops / (t2 - t1), flops / (t3 - t2), a[n / 2] + b[1] + c[2] + d[3]);
		}
	}
}
