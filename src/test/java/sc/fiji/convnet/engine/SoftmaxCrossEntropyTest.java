package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.tensor.Tensor;

class SoftmaxCrossEntropyTest {

	/** The loss written out in double precision from its definition. */
	private static double reference(float[] x, float[] t, int n, int k, int spatial, float[] w) {
		double num = 0, den = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < spatial; j++) {
				int c = (int) t[i * spatial + j];
				if (c < 0) continue;
				double z = 0;
				for (int q = 0; q < k; q++) z += Math.exp(x[(i * k + q) * spatial + j]);
				double wc = w == null ? 1 : w[c];
				num += wc * -Math.log(Math.exp(x[(i * k + c) * spatial + j]) / z);
				den += wc;
			}
		return num / den;
	}

	private static Tensor labels(SplittableRandom r, int k, boolean withIgnored, int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = withIgnored && r.nextInt(5) == 0 ? -1 : r.nextInt(k);
		return t;
	}

	@Test
	void perPixelWeightedLossAndGradientMatchDefinition() {
		SplittableRandom r = new SplittableRandom(3);
		Tensor x = GradCheck.random(r, 2, 3, 4, 5);
		for (int i = 0; i < x.size(); i++) x.data()[i] *= 3;
		Tensor t = labels(r, 3, true, 2, 4, 5);
		float[] w = { 0.2f, 1f, 3f };
		SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(w);
		double l = ce.forward(x, t);
		assertEquals(reference(x.data(), t.data(), 2, 3, 20, w), l, 1e-6);
		float[] g = ce.gradient().data().clone();
		double h = 1e-3;
		for (int i = 0; i < x.size(); i++) {
			float old = x.data()[i];
			x.data()[i] = (float) (old + h);
			double p = reference(x.data(), t.data(), 2, 3, 20, w);
			x.data()[i] = (float) (old - h);
			double m = reference(x.data(), t.data(), 2, 3, 20, w);
			x.data()[i] = old;
			// reference in double: step errors are float rounding of x (1e-7/h) and h² terms
			assertEquals((p - m) / (2 * h), g[i], 1e-4, "gradient " + i);
		}
	}

	@Test
	void classificationShapeAndLargeLogits() {
		Tensor x = new Tensor(new float[] { 1000f, 0f, -1000f, 0f }, 2, 2);
		Tensor t = new Tensor(new float[] { 0, 0 }, 2);
		double l = new SoftmaxCrossEntropy().forward(x, t);
		// sample 1: ln(1 + e^-1000) ≈ 0; sample 2: 1000 + ln(1 + e^-1000) ≈ 1000
		assertEquals(500, l, 1e-9);
	}

	@Test
	void mismatchedShapesNameTheLoss() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new SoftmaxCrossEntropy().forward(Tensor.zeros(1, 3, 4, 4), Tensor.zeros(1, 4, 5)));
		assertTrue(e.getMessage().contains("SoftmaxCrossEntropy") && e.getMessage().contains("[1, 3, 4, 4]"), e.getMessage());
	}
}
