package sc.fiji.convnet.explain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.tensor.Tensor;

class SoftmaxAndOneVsRestLossTest {

	private static final int N = 3, K = 4;
	private static final float[] LABELS = { 2, 0, 3 };

	private static Tensor logits() {
		SplittableRandom r = new SplittableRandom(8);
		Tensor t = Tensor.zeros(N, K);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (r.nextDouble() * 6 - 3);
		return t;
	}

	/** The loss written out in double precision: mean over samples of −ln softmax + w·Σ_k BCE(σ(x_k), [k = label]). */
	private static double reference(float[] x, double w) {
		double total = 0;
		for (int i = 0; i < N; i++) {
			double max = Double.NEGATIVE_INFINITY, sum = 0;
			for (int k = 0; k < K; k++) max = Math.max(max, x[i * K + k]);
			for (int k = 0; k < K; k++) sum += Math.exp(x[i * K + k] - max);
			int c = (int) LABELS[i];
			total += Math.log(sum) + max - x[i * K + c];
			for (int k = 0; k < K; k++) {
				double p = 1 / (1 + Math.exp(-x[i * K + k]));
				total += w * -(k == c ? Math.log(p) : Math.log(1 - p));
			}
		}
		return total / N;
	}

	@Test
	void valueMatchesTheWrittenOutLoss() {
		Tensor x = logits();
		assertEquals(reference(x.data(), 0.7), new SoftmaxAndOneVsRestLoss(0.7).forward(x, new Tensor(LABELS.clone(), N)), 1e-5);
		assertEquals(reference(x.data(), 0), new SoftmaxAndOneVsRestLoss(0).forward(x, new Tensor(LABELS.clone(), N)), 1e-5);
	}

	/** The analytic gradient against central finite differences of the double-precision reference. */
	@Test
	void gradientMatchesFiniteDifferences() {
		Tensor x = logits();
		SoftmaxAndOneVsRestLoss loss = new SoftmaxAndOneVsRestLoss(1.3);
		loss.forward(x, new Tensor(LABELS.clone(), N));
		float[] g = loss.gradient().data();
		double h = 1e-3;
		for (int i = 0; i < x.size(); i++) {
			float[] plus = x.data().clone(), minus = x.data().clone();
			plus[i] += (float) h;
			minus[i] -= (float) h;
			double numeric = (reference(plus, 1.3) - reference(minus, 1.3)) / (plus[i] - minus[i]);
			assertEquals(numeric, g[i], 2e-4, "logit " + i);
		}
	}

	@Test
	void badLabelsAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new SoftmaxAndOneVsRestLoss(1).forward(logits(), new Tensor(new float[] { 0, 7, 1 }, N)));
		assertEquals(true, e.getMessage().contains("label 7.0 of sample 1"), e.getMessage());
	}
}
