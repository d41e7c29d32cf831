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

	@Test
	void mismatchedTargetsAreRefusedWithTheirShapes() {
		ClassesAndDistance loss = new ClassesAndDistance(null, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(Tensor.zeros(1, 4, 3, 3), Tensor.zeros(1, 3, 3)));
		assertEquals(true, e.getMessage().contains("1×2×3×3"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new ClassesAndDistance(null, -1));
	}
}
