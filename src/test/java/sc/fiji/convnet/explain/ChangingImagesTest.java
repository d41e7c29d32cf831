package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.layers.Softmax;
import sc.fiji.convnet.tensor.Tensor;

/** FGSM, DeepDream and activation maximization: each must move its objective the right way. */
class ChangingImagesTest {

	private static double crossEntropy(Network net, Tensor x, int label) {
		return -Math.log(ClassScores.softmax(ClassScores.of(net.forward(x), 0))[label]);
	}

	@Test
	void fgsmStepsAlongTheSignOfTheFiniteDifferenceGradientAndRaisesTheLoss() {
		Network net = TinyNets.randomClassifier(31, 3);
		Tensor x = TinyNets.random(32, 1, 1, 16, 16);
		Fgsm.Result r = Fgsm.of(net).epsilon(0.01).attack(x);
		int label = r.label();
		assertEquals(ClassScores.argmax(ClassScores.of(net.forward(x), 0)), label, "default label: the predicted class");
		assertEquals(crossEntropy(net, x, label), r.lossBefore(), 1e-5);
		assertEquals(crossEntropy(net, r.adversarial(), label), r.lossAfter(), 1e-5);
		assertTrue(r.lossAfter() > r.lossBefore(), r.lossBefore() + " → " + r.lossAfter());
		// the direction: central differences of the loss, pixel by pixel, in double where it matters
		int agreeing = 0, compared = 0;
		for (int i = 0; i < x.size(); i++) {
			double h = 1e-2;
			Tensor p = x.copy(), m = x.copy();
			p.data()[i] += h;
			m.data()[i] -= h;
			double g = (crossEntropy(net, p, label) - crossEntropy(net, m, label)) / (2 * h);
			if (Math.abs(g) < 1e-3) continue; // too flat to tell the sign apart from rounding
			compared++;
			if (Math.signum(g) * r.perturbation().data()[i] > 0) agreeing++;
			assertEquals(0.01, Math.abs(r.perturbation().data()[i]), 1e-6);
		}
		assertTrue(compared > 100, "only " + compared + " pixels with a clear gradient");
		assertEquals(compared, agreeing, "sign(∇E) and ε·sign agree where the gradient is clear");
		// larger ε, clipped to a range
		Fgsm.Result big = Fgsm.of(net).epsilon(0.5).clip(-1, 1).attack(x);
		for (float v : big.adversarial().data()) assertTrue(v >= -1 && v <= 1);
		double sumBefore = 0, sumAfter = 0;
		for (int k = 0; k < 3; k++) { sumBefore += big.before()[k]; sumAfter += big.after()[k]; }
		assertEquals(1, sumBefore, 1e-9);
		assertEquals(1, sumAfter, 1e-9);
		assertTrue(big.after()[label] < r.after()[label], "a larger step lowers the true class more");
	}

	@Test
	void fgsmUsesTheScoresBeforeAFinalSoftmax() {
		NetworkBuilder b = new NetworkBuilder(1).seed(4);
		b.then(new Conv2d(1, 3, 3).padding(1));
		b.then(new ReLU());
		b.then(new GlobalAvgPool2d());
		b.then(new Flatten());
		b.then(new Linear(3, 2));
		b.then(Softmax.softmax());
		Network net = b.build();
		Tensor x = TinyNets.random(5, 1, 1, 8, 8);
		Fgsm.Result r = Fgsm.of(net).epsilon(0.05).label(1).attack(x);
		float[] p = ClassScores.of(net.forward(x), 0);
		assertEquals(p[1], r.before()[1], 1e-6);
		assertEquals(ClassScores.of(net.forward(r.adversarial()), 0)[1], r.after()[1], 1e-6);
		assertTrue(r.after()[1] < r.before()[1]);
	}

	@Test
	void deepDreamRaisesTheSumOfSquaresOfTheLayer() {
		Network net = TinyNets.randomClassifier(41, 3);
		Tensor x = TinyNets.random(42, 1, 1, 32, 32);
		for (String layer : new String[] { "tanh2", "relu3" }) {
			DeepDream dd = DeepDream.of(net).layer(layer).iterations(10).step(0.02);
			double before = dd.objective(x);
			Tensor once = dd.dream(x);
			Tensor octaves = DeepDream.of(net).layer(layer).iterations(10).step(0.02).octaves(3).octaveScale(1.5).dream(x);
			assertArrayEquals(x.shape(), octaves.shape());
			double after = dd.objective(once), afterOctaves = dd.objective(octaves);
			System.out.printf("DeepDream %s: F = %.4f → %.4f (1 octave), %.4f (3 octaves)%n", layer, before, after, afterOctaves);
			assertTrue(after > 1.1 * before, layer + ": " + before + " → " + after);
			assertTrue(afterOctaves > 1.1 * before, layer + ": " + before + " → " + afterOctaves);
			for (float v : once.data()) assertTrue(v >= -1 && v <= 1, "clipped to the original range");
		}
	}

	@Test
	void activationMaximizationRaisesTheClassPreActivation() {
		Network net = TinyNets.randomClassifier(51, 3, false); // a tanh would bound what the image can reach
		for (int c = 0; c < 3; c++) {
			ActivationMaximization.Result r = ActivationMaximization.of(net).classIndex(c).iterations(60).learningRate(20).l2(1e-3)
					.blur(4, 0.5).clipSmallPixels(0.1).maximize(16, 16);
			System.out.printf("Activation maximization class %d: a = %.4f → %.4f, scores %s%n", c, r.scoreBefore(), r.scoreAfter(), java.util.Arrays.toString(r.scores()));
			assertTrue(r.scoreAfter() > r.scoreBefore() + 0.1, "class " + c + ": " + r.scoreBefore() + " → " + r.scoreAfter());
			assertEquals(ClassScores.of(net.forward(r.image()), 0)[c], r.scoreAfter(), 1e-5);
			int zeros = 0;
			for (float v : r.image().data()) if (v == 0) zeros++;
			assertTrue(zeros >= 0.1 * r.image().size() - 1, "the smallest 10% of pixels are clipped to zero: " + zeros);
		}
	}

	@Test
	void smallPixelClippingZeroesTheSmallestFraction() {
		float[] v = { 0.5f, -0.05f, 0.2f, -0.9f, 0.01f, 0.3f, -0.25f, 0.02f, 0.7f, -0.6f };
		ActivationMaximization.clipSmall(v, 0.3);
		assertArrayEquals(new float[] { 0.5f, 0, 0.2f, -0.9f, 0, 0.3f, -0.25f, 0, 0.7f, -0.6f }, v);
	}
}
