package sc.fiji.convnet.detect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.tensor.Tensor;

class GridDetectionLossTest {

	private final GridLayout layout = new GridLayout(List.of("a", "b"), 16, 32);

	private Tensor target() {
		float[] t = new float[2 * layout.channels() * 3 * 3];
		GridTargets.encode(layout, List.of(new Box("a", 1, 4, 4, 20, 30), new Box("b", 1, 30, 20, 10, 12)), 3, 3, t, 0);
		GridTargets.encode(layout, List.of(new Box("b", 1, 17, 33, 40, 8)), 3, 3, t, 1);
		return new Tensor(t, 2, layout.channels(), 3, 3);
	}

	@Test
	void gradientMatchesCentralDifferences() {
		Tensor target = target();
		SplittableRandom rng = new SplittableRandom(3);
		float[] y = new float[target.size()];
		for (int i = 0; i < y.length; i++) y[i] = (float) (rng.nextDouble() * 4 - 2);
		GridDetectionLoss loss = new GridDetectionLoss(layout, 0.5, 2);
		loss.forward(new Tensor(y.clone(), target.shape()), target);
		float[] g = loss.gradient().data().clone();
		double h = 1e-3;
		for (int i = 0; i < y.length; i++) {
			float[] p = y.clone(), m = y.clone();
			p[i] += (float) h;
			m[i] -= (float) h;
			double numeric = (loss.forward(new Tensor(p, target.shape()), target) - loss.forward(new Tensor(m, target.shape()), target)) / (2 * h);
			assertEquals(numeric, g[i], 2e-3, "gradient at " + i);
		}
	}

	@Test
	void valueByHandForOneCell() {
		// one image, 1×1 grid: object of class b at the cell; logits all 0, box values all 0
		float[] t = new float[layout.channels()];
		GridTargets.encode(layout, List.of(new Box("b", 1, -8, 8 - 16 * Math.E, 32, 32 * Math.E)), 1, 1, t, 0);
		// target: obj 1, class (0, 1), b_x = b_y = 0.5, b_W = 0, b_H = 1
		assertEquals(0.5f, t[3]);
		assertEquals(1f, t[6], 1e-6);
		double value = new GridDetectionLoss(layout, 0.5, 2).forward(Tensor.zeros(1, layout.channels(), 1, 1), new Tensor(t, 1, layout.channels(), 1, 1));
		// BCE(0, 1) = ln 2; CE of uniform over 2 classes = ln 2; box 2·½·(0.25 + 0.25 + 0 + 1) = 1.5
		assertEquals(2 * Math.log(2) + 1.5, value, 1e-6);
	}
}
