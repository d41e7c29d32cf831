package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.loss.*;
import sc.fiji.convnet.tensor.Tensor;

class LossesTest {

	/** Central differences of the loss itself (it sums in double; h = 1e-3 keeps float rounding of x below 1e-4). */
	private static void checkGradient(Loss loss, Tensor x, Tensor t) {
		loss.forward(x, t);
		float[] g = loss.gradient().data().clone();
		double h = 1e-3;
		for (int i = 0; i < x.size(); i++) {
			float old = x.data()[i];
			x.data()[i] = (float) (old + h);
			double p = loss.forward(x, t);
			x.data()[i] = (float) (old - h);
			double m = loss.forward(x, t);
			x.data()[i] = old;
			assertEquals((p - m) / (2 * h), g[i], 2e-4 + 1e-3 * Math.abs(g[i]), loss.name() + " gradient " + i);
		}
	}

	@Test
	void binaryCrossEntropyMatchesDefinitionAndGradient() {
		SplittableRandom r = new SplittableRandom(1);
		Tensor x = GradCheck.random(r, 2, 1, 3, 3), t = Tensor.zeros(2, 1, 3, 3);
		for (int i = 0; i < t.size(); i++) { x.data()[i] *= 4; t.data()[i] = (float) r.nextDouble(); }
		double ref = 0;
		for (int i = 0; i < x.size(); i++) {
			double s = 1 / (1 + Math.exp(-x.data()[i]));
			ref -= t.data()[i] * Math.log(s) + (1 - t.data()[i]) * Math.log(1 - s);
		}
		assertEquals(ref / x.size(), new BinaryCrossEntropyWithLogits().forward(x, t), 1e-7);
		checkGradient(new BinaryCrossEntropyWithLogits(), x, t);
		// huge logits stay finite
		assertEquals(100, new BinaryCrossEntropyWithLogits().forward(new Tensor(new float[] { -100 }, 1), new Tensor(new float[] { 1 }, 1)), 1e-9);
	}

	@Test
	void sumOfSquaresIsHalfTheSquaredErrorPerSample() {
		Tensor y = new Tensor(new float[] { 1, 2, 3, 4 }, 2, 2), t = new Tensor(new float[] { 0, 2, 5, 4 }, 2, 2);
		assertEquals(0.5 * (1 + 4) / 2, new SumOfSquares().forward(y, t), 1e-9);
		checkGradient(new SumOfSquares(), y, t);
	}

	@Test
	void softDiceGradientAndLimits() {
		SplittableRandom r = new SplittableRandom(2);
		Tensor x = GradCheck.random(r, 2, 3, 3, 3), t = Tensor.zeros(2, 3, 3);
		for (int i = 0; i < t.size(); i++) t.data()[i] = r.nextInt(4) - 1; // some ignored
		checkGradient(new SoftDice(1), x, t);
		// a confident perfect prediction has Dice 1 (loss → 0)
		Tensor perfect = Tensor.zeros(2, 3, 3, 3);
		for (int n = 0; n < 2; n++) for (int p = 0; p < 9; p++) { int c = Math.max(0, (int) t.data()[n * 9 + p]); perfect.data()[(n * 3 + c) * 9 + p] = 50; }
		Tensor tt = t.copy();
		for (int i = 0; i < tt.size(); i++) tt.data()[i] = Math.max(0, tt.data()[i]);
		assertEquals(0, new SoftDice(0).forward(perfect, tt), 1e-9);
		// uniform prediction over K = 2 classes, one pixel of each: dice_k = 2·½/(1 + 1) = ½
		assertEquals(0.5, new SoftDice(0).forward(Tensor.zeros(1, 2, 1, 2), new Tensor(new float[] { 0, 1 }, 1, 1, 2)), 1e-9);
	}

	@Test
	void centreFocalLossMatchesDefinitionAndGradient() {
		SplittableRandom r = new SplittableRandom(7);
		Tensor x = GradCheck.random(r, 2, 3, 4, 4), t = Tensor.zeros(2, 3, 4, 4);
		for (int i = 0; i < t.size(); i++) {
			x.data()[i] *= 3;
			t.data()[i] = r.nextDouble() < 0.1 ? 1f : (float) (r.nextDouble() * 0.9);
		}
		t.data()[5] = 1f;
		int centres = 0;
		double ref = 0;
		for (int i = 0; i < x.size(); i++) {
			double p = 1 / (1 + Math.exp(-x.data()[i])), y = t.data()[i];
			if (y == 1) { centres++; ref -= (1 - p) * (1 - p) * Math.log(p); }
			else ref -= Math.pow(1 - y, 4) * p * p * Math.log(1 - p);
		}
		assertEquals(ref / centres, new CentreFocalLoss().forward(x, t), 1e-6);
		checkGradient(new CentreFocalLoss(), x, t);
	}

	@Test
	void giouOfBoxesByHand() {
		double[] g = new double[4];
		// identical boxes: GIoU 1, loss 0
		assertEquals(0, GiouLoss.lossAndGradient(new double[] { 1, 2, 3, 4 }, new double[] { 1, 2, 3, 4 }, g), 1e-12);
		// 2×2 box inside a 4×4 box around the same point: IoU 1/4, enclosing = union, loss 3/4
		assertEquals(0.75, GiouLoss.lossAndGradient(new double[] { 1, 1, 1, 1 }, new double[] { 2, 2, 2, 2 }, g), 1e-12);
		// growing the smaller box towards the larger lowers the loss
		for (double d : g) assertTrue(d < 0, "gradient " + java.util.Arrays.toString(g));
	}

	@Test
	void giouLossGradientByFiniteDifferences() {
		SplittableRandom r = new SplittableRandom(11);
		Tensor x = GradCheck.random(r, 2, 4, 3, 3), t = Tensor.zeros(2, 5, 3, 3);
		for (int b = 0; b < 2; b++)
			for (int cell = 0; cell < 9; cell++) {
				for (int k = 0; k < 4; k++) t.data()[(b * 5 + k) * 9 + cell] = (float) (0.2 + 3 * r.nextDouble());
				t.data()[(b * 5 + 4) * 9 + cell] = r.nextDouble() < 0.4 ? 0f : (float) r.nextDouble();
			}
		for (int i = 0; i < x.size(); i++) x.data()[i] *= 1.5f;
		checkGradient(new GiouLoss(), x, t);
		// all weights 0: no box, no loss
		Tensor none = Tensor.zeros(2, 5, 3, 3);
		assertEquals(0, new GiouLoss().forward(x, none));
	}
}
