package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/** The folded copy gives the original's inference output, folds only where nothing else reads the convolution, and leaves the original alone. */
class InferenceFoldingTest {

	private static Tensor random(SplittableRandom r, int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextGaussian();
		return t;
	}

	/** Gives every batch normalization of {@code net} running statistics far from 0 and 1, so that a wrong fold shows. */
	private static void randomStatistics(Network net, SplittableRandom r) {
		for (Layer l : net.layers())
			if (l instanceof BatchNorm2d bn) {
				int c = (int) bn.gamma().size();
				float[] g = new float[c], b = new float[c], m = new float[c], v = new float[c];
				for (int i = 0; i < c; i++) {
					g[i] = (float) (0.5 + r.nextDouble());
					b[i] = (float) r.nextGaussian();
					m[i] = (float) r.nextGaussian();
					v[i] = (float) (0.1 + 2 * r.nextDouble());
				}
				bn.gamma().set(g);
				bn.beta().set(b);
				bn.runningMean().set(m);
				bn.runningVar().set(v);
			}
	}

	private static double relativeDifference(Tensor a, Tensor b) {
		double max = 1e-6, diff = 0;
		for (int i = 0; i < b.size(); i++) {
			max = Math.max(max, Math.abs(b.data()[i]));
			diff = Math.max(diff, Math.abs(a.data()[i] - b.data()[i]));
		}
		return diff / max;
	}

	private static long count(Network net, Class<?> type) { return net.layers().stream().filter(type::isInstance).count(); }

	@Test
	void aFoldedUNetGivesTheOriginalsOutput() {
		SplittableRandom r = new SplittableRandom(21);
		Network net = UNet.builder().classes(3).depth(2).baseWidth(4).seed(5).build();
		randomStatistics(net, r);
		Tensor x = random(r, 2, 1, 16, 16);
		Tensor before = net.forward(x);
		Network folded = InferenceFolding.of(net);
		assertEquals(0, count(folded, BatchNorm2d.class));
		assertEquals(count(net, ReLU.class) - count(net, BatchNorm2d.class), count(folded, ReLU.class), "every ReLU after conv → BN is fused");
		assertEquals(net.layers().size() - 2 * count(net, BatchNorm2d.class), folded.layers().size());
		double d = relativeDifference(folded.forward(x), before);
		assertTrue(d < 1e-5, "folded vs original differ by " + d);
		assertArrayEquals(before.data(), net.forward(x).data(), 0f, "the original is unchanged");
		assertTrue(count(net, BatchNorm2d.class) > 0);
	}

	@Test
	void aConvolutionWhoseOutputIsReadTwiceIsNotFolded() {
		// conv → (BN, Concat): folding the normalization would change what the Concat reads
		NetworkBuilder b = new NetworkBuilder(2).seed(4);
		int conv = b.then(new Conv2d(2, 3, 3).padding(1));
		int bn = b.then(new BatchNorm2d(3));
		int relu = b.then(new ReLU());
		b.add(new Concat(), relu, conv);
		b.then(new Conv2d(6, 2, 1)); // the last layer
		Network net = b.build();
		SplittableRandom r = new SplittableRandom(22);
		randomStatistics(net, r);
		Network folded = InferenceFolding.of(net);
		assertEquals(1, count(folded, BatchNorm2d.class));
		Tensor x = random(r, 1, 2, 7, 5);
		assertTrue(relativeDifference(folded.forward(x), net.forward(x)) < 1e-6);
		assertTrue(bn > conv);
	}
}
