package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.loss.ClassesAndDistance;
import sc.fiji.convnet.tensor.Tensor;

class ClassesAndDistanceTest {

	/** The loss from its definition in double precision: weighted softmax cross-entropy plus weight × mean binary cross-entropy. */
	private static double reference(float[] x, float[] t, int n, int k, int plane, float[] w, double lambda) {
		double num = 0, den = 0, bce = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				int c = (int) t[2 * i * plane + j];
				double z = 0;
				for (int q = 0; q < k; q++) z += Math.exp(x[(i * (k + 1) + q) * plane + j]);
				num += w[c] * -Math.log(Math.exp(x[(i * (k + 1) + c) * plane + j]) / z);
				den += w[c];
				double s = 1 / (1 + Math.exp(-x[(i * (k + 1) + k) * plane + j])), d = t[(2 * i + 1) * plane + j];
				bce -= d * Math.log(s) + (1 - d) * Math.log(1 - s);
			}
		return num / den + lambda * bce / (n * plane);
	}

	@Test
	void lossAndGradientMatchDefinitionAndFiniteDifferences() {
		SplittableRandom r = new SplittableRandom(7);
		int n = 2, k = 3, h = 4, wd = 5, plane = h * wd;
		Tensor x = GradCheck.random(r, n, k + 1, h, wd);
		for (int i = 0; i < x.size(); i++) x.data()[i] *= 2;
		Tensor t = Tensor.zeros(n, 2, h, wd);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				t.data()[2 * i * plane + j] = r.nextInt(k);
				t.data()[(2 * i + 1) * plane + j] = (float) r.nextDouble();
			}
		float[] w = { 1f, 1f, 2f };
		ClassesAndDistance loss = new ClassesAndDistance(w, 0.7);
		double l = loss.forward(x, t);
		assertEquals(reference(x.data(), t.data(), n, k, plane, w, 0.7), l, 1e-6);
		float[] g = loss.gradient().data().clone();
		double step = 1e-3;
		for (int i = 0; i < x.size(); i++) {
			float old = x.data()[i];
			x.data()[i] = (float) (old + step);
			double up = reference(x.data(), t.data(), n, k, plane, w, 0.7);
			x.data()[i] = (float) (old - step);
			double down = reference(x.data(), t.data(), n, k, plane, w, 0.7);
			x.data()[i] = old;
			assertEquals((up - down) / (2 * step), g[i], 1e-4, "gradient at " + i);
		}
	}

	/**
	 * A third target plane weighs each pixel's class term: the loss is the position-weighted mean Σ w_c·v·(−ln p) / Σ w_c·v
	 * (written out here), and a weight of 2 on a pixel counts it as two (checked against the same pixels duplicated).
	 */
	@Test
	void pixelWeightsWeighTheClassTerm() {
		SplittableRandom r = new SplittableRandom(11);
		int n = 2, k = 3, h = 3, wd = 4, plane = h * wd;
		Tensor x = GradCheck.random(r, n, k + 1, h, wd);
		float[] t = new float[3 * n * plane], v = new float[n * plane];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				t[3 * i * plane + j] = r.nextInt(k);
				t[(3 * i + 1) * plane + j] = (float) r.nextDouble();
				t[(3 * i + 2) * plane + j] = v[i * plane + j] = r.nextInt(3) == 0 ? 5f : 1f;
			}
		float[] w = { 1f, 1f, 2f };
		ClassesAndDistance loss = new ClassesAndDistance(w, 0);
		double l = loss.forward(x, new Tensor(t.clone(), n, 3, h, wd));
		double num = 0, den = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				int c = (int) t[3 * i * plane + j];
				double z = 0;
				for (int q = 0; q < k; q++) z += Math.exp(x.data()[(i * (k + 1) + q) * plane + j]);
				double wt = w[c] * v[i * plane + j];
				num += wt * -Math.log(Math.exp(x.data()[(i * (k + 1) + c) * plane + j]) / z);
				den += wt;
			}
		assertEquals(num / den, l, 1e-6);
		// weight 2 on every pixel of sample 0's first row = that row twice, as a one-row-taller image with the row copied
		float[] t2 = new float[3 * plane];
		for (int j = 0; j < plane; j++) { t2[j] = t[j]; t2[plane + j] = t[plane + j]; t2[2 * plane + j] = j < wd ? 2 : 1; }
		float[] x1 = java.util.Arrays.copyOf(x.data(), (k + 1) * plane);
		double weighted = new ClassesAndDistance(w, 0).forward(new Tensor(x1, 1, k + 1, h, wd), new Tensor(t2, 1, 3, h, wd));
		int tall = plane + wd;
		float[] xd = new float[(k + 1) * tall], td = new float[2 * tall];
		for (int c = 0; c <= k; c++) {
			System.arraycopy(x1, c * plane, xd, c * tall, plane);
			System.arraycopy(x1, c * plane, xd, c * tall + plane, wd);
		}
		for (int p = 0; p < 2; p++) {
			System.arraycopy(t2, p * plane, td, p * tall, plane);
			System.arraycopy(t2, p * plane, td, p * tall + plane, wd);
		}
		double duplicated = new ClassesAndDistance(w, 0).forward(new Tensor(xd, 1, k + 1, h + 1, wd), new Tensor(td, 1, 2, h + 1, wd));
		assertEquals(duplicated, weighted, 1e-6);
		// and the gradient follows finite differences of the weighted loss
		Tensor tt = new Tensor(t, n, 3, h, wd);
		float[] g = loss.gradient().data().clone();
		double step = 1e-3;
		for (int i = 0; i < x.size(); i++) {
			float old = x.data()[i];
			x.data()[i] = (float) (old + step);
			double up = new ClassesAndDistance(w, 0).forward(x, tt);
			x.data()[i] = (float) (old - step);
			double down = new ClassesAndDistance(w, 0).forward(x, tt);
			x.data()[i] = old;
			assertEquals((up - down) / (2 * step), g[i], 2e-3, "gradient at " + i);
		}
	}

	@Test
	void mismatchedTargetsAreRefusedWithTheirShapes() {
		ClassesAndDistance loss = new ClassesAndDistance(null, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(Tensor.zeros(1, 4, 3, 3), Tensor.zeros(1, 3, 3)));
		assertEquals(true, e.getMessage().contains("1×2×3×3"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new ClassesAndDistance(null, -1));
	}
}
