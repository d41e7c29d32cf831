package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random geometries and arrays for the kernel tests, and the comparison against the double reference. */
final class ConvTestData {

	private ConvTestData() {}

	static final ReferenceConvKernels REFERENCE = new ReferenceConvKernels();

	/**
	 * Tolerance: |fast − reference| ≤ 1e-5 · Σ|terms| + 1e-6, where Σ|terms| is the reference run on the
	 * absolute values (a float sum of K terms errs by at most about K·6e-8 of that; random rounding far less).
	 */
	static final double RELATIVE = 1e-5, ABSOLUTE = 1e-6;

	static float[] random(Random r, long size) {
		float[] a = new float[(int) size];
		for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
		return a;
	}

	static float[] abs(float[] a) {
		float[] b = new float[a.length];
		for (int i = 0; i < a.length; i++) b[i] = Math.abs(a[i]);
		return b;
	}

	static float[] nans(long size) {
		float[] a = new float[(int) size];
		java.util.Arrays.fill(a, Float.NaN); // kernels must overwrite, never accumulate into the output
		return a;
	}

	static void assertClose(String what, ConvGeometry g, float[] expected, float[] bound, float[] actual) {
		for (int i = 0; i < expected.length; i++) {
			double tol = RELATIVE * bound[i] + ABSOLUTE;
			double err = Math.abs((double) actual[i] - expected[i]);
			if (!(err <= tol))
				assertTrue(false, what + " differs at " + i + ": " + actual[i] + " vs reference " + expected[i]
						+ " (tolerance " + tol + ") for " + g);
		}
	}

	static ConvGeometry randomGeometry(Random r) {
		int groups = 1 + r.nextInt(3);
		int cinG = 1 + r.nextInt(4), coutG = 1 + r.nextInt(6);
		if (r.nextInt(5) == 0) { groups = 2 + r.nextInt(5); cinG = 1; coutG = 1 + r.nextInt(2); } // depthwise
		int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
		int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
		int dh = 1 + r.nextInt(3), dw = 1 + r.nextInt(3);
		int pt = r.nextInt(4), pl = r.nextInt(4), pb = r.nextInt(4), pr = r.nextInt(4);
		int h = Math.max(1, dh * (kh - 1) + 1 - pt - pb) + r.nextInt(12);
		int w = Math.max(1, dw * (kw - 1) + 1 - pl - pr) + r.nextInt(12);
		int n = 1 + r.nextInt(3);
		return new ConvGeometry(n, groups * cinG, h, w, groups * coutG, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, groups);
	}

	/** Hand-picked cases first, then random ones. */
	static List<ConvGeometry> geometries(int randomCount, long seed) {
		List<ConvGeometry> list = new ArrayList<>();
		list.add(new ConvGeometry(1, 3, 9, 11, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)); // 'same' 3×3
		list.add(new ConvGeometry(2, 5, 7, 6, 4, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1)); // 1×1, N=2
		list.add(new ConvGeometry(1, 6, 10, 10, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 6)); // depthwise
		list.add(new ConvGeometry(1, 4, 13, 12, 8, 3, 2, 2, 3, 1, 1, 0, 2, 1, 0, 2)); // stride, asymmetric pad, groups
		list.add(new ConvGeometry(3, 2, 15, 14, 5, 3, 3, 1, 1, 2, 3, 2, 3, 2, 3, 1)); // dilation
		list.add(new ConvGeometry(1, 1, 40, 37, 16, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2, 1)); // one channel in, many out
		list.add(new ConvGeometry(1, 8, 5, 5, 4, 5, 5, 1, 1, 1, 1, 0, 0, 0, 0, 1)); // kernel as large as the image
		Random r = new Random(seed);
		for (int i = 0; i < randomCount; i++) list.add(randomGeometry(r));
		return list;
	}

	/** Runs the three computations of {@code fast} and the reference on random data and compares them. */
	static void checkAgainstReference(ConvKernels fast, ConvGeometry g, long seed, int threads, boolean withBias) {
		Random r = new Random(seed);
		float[] x = random(r, g.inputSize()), w = random(r, g.weightSize());
		float[] b = withBias ? random(r, g.cout) : null;
		float[] dy = random(r, g.outputSize());

		float[] y = nans(g.outputSize()), yRef = new float[y.length], yBound = new float[y.length];
		fast.forward(g, x, w, b, y, threads);
		REFERENCE.forward(g, x, w, b, yRef, 1);
		REFERENCE.forward(g, abs(x), abs(w), b == null ? null : abs(b), yBound, 1);
		assertClose(fast.name() + " forward", g, yRef, yBound, y);

		float[] dx = nans(g.inputSize()), dxRef = new float[dx.length], dxBound = new float[dx.length];
		fast.backwardInput(g, dy, w, dx, threads);
		REFERENCE.backwardInput(g, dy, w, dxRef, 1);
		REFERENCE.backwardInput(g, abs(dy), abs(w), dxBound, 1);
		assertClose(fast.name() + " backwardInput", g, dxRef, dxBound, dx);

		float[] dw = nans(g.weightSize()), dwRef = new float[dw.length], dwBound = new float[dw.length];
		float[] db = withBias ? nans(g.cout) : null, dbRef = new float[g.cout], dbBound = new float[g.cout];
		fast.backwardWeights(g, x, dy, dw, db, threads);
		REFERENCE.backwardWeights(g, x, dy, dwRef, dbRef, 1);
		REFERENCE.backwardWeights(g, abs(x), abs(dy), dwBound, dbBound, 1);
		assertClose(fast.name() + " backwardWeights dw", g, dwRef, dwBound, dw);
		if (withBias) assertClose(fast.name() + " backwardWeights db", g, dbRef, dbBound, db);
	}
}
