package sc.fiji.convnet.engine;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.tensor.Tensor;

/** Backward passes of the milestone-2 layers against central finite differences ({@link GradCheck}). */
class MoreLayersGradientTest {

	private final SplittableRandom rnd = new SplittableRandom(8);

	private Tensor distinct(int... shape) { return GradCheck.distinct(rnd, 0.025f, shape); }

	private void check(Layer l, Tensor... in) { GradCheck.check(l, in, Phase.TRAINING, 31); }

	@Test void leakyRelu() { check(Activation.leakyRelu(0.1), distinct(2, 3, 3, 3)); }
	@Test void elu() { check(Activation.elu(1.0), distinct(2, 3, 3, 3)); }
	@Test void selu() { check(Activation.selu(), distinct(2, 3, 3, 3)); }
	@Test void sigmoid() { check(Activation.sigmoid(), GradCheck.random(rnd, 2, 3, 3, 3)); }
	@Test void tanh() { check(Activation.tanh(), GradCheck.random(rnd, 2, 3, 3, 3)); }

	@Test
	void preluPerChannelAndShared() {
		PReLU p = new PReLU(3);
		p.slope().set(new float[] { 0.1f, -0.3f, 0.5f });
		check(p, distinct(2, 3, 2, 3));
		check(new PReLU(1), distinct(2, 4));
	}

	@Test void softmax() { check(Softmax.softmax(), GradCheck.random(rnd, 2, 4, 2, 3)); }
	@Test void logSoftmax() { check(Softmax.logSoftmax(), GradCheck.random(rnd, 2, 4, 2, 3)); }

	@Test
	void softmaxAlongOtherAxes() {
		Tensor x = GradCheck.random(rnd, 2, 3, 4);
		Softmax last = Softmax.alongAxis(2, false, false);
		Tensor y = last.forward(x, Phase.INFERENCE);
		double sum = 0;
		for (int k = 0; k < 4; k++) sum += y.get(1, 2, k);
		org.junit.jupiter.api.Assertions.assertEquals(1, sum, 1e-6);
		check(last, x);
		check(Softmax.alongAxis(1, true, true), GradCheck.random(rnd, 2, 3, 4));
		check(Softmax.alongAxis(1, false, true), GradCheck.random(rnd, 2, 3, 4));
	}

	@Test
	void localResponseNorm() {
		check(new LocalResponseNorm(3, 0.8, 0.75, 1.0), distinct(2, 5, 2, 2)); // odd window
		check(new LocalResponseNorm(4, 2.0, 0.6, 0.5), distinct(1, 6, 3)); // even window: one more channel after than before
		check(new LocalResponseNorm(1, 1.0, 1.5, 2.0), distinct(2, 3));
	}

	@Test
	void dropoutWithReplayedMask() {
		Dropout d = new Dropout(0.3, 5);
		GradCheck.check(d, new Tensor[] { GradCheck.random(rnd, 2, 3, 4, 4) }, Phase.TRAINING, 32, d::reseed);
	}

	@Test void addThree() { check(Elementwise.add(), GradCheck.random(rnd, 2, 2, 3), GradCheck.random(rnd, 2, 2, 3), GradCheck.random(rnd, 2, 2, 3)); }
	@Test void sub() { check(Elementwise.sub(), GradCheck.random(rnd, 2, 2, 3), GradCheck.random(rnd, 2, 2, 3)); }
	@Test void mul() { check(Elementwise.mul(), GradCheck.random(rnd, 2, 2, 3), GradCheck.random(rnd, 2, 2, 3)); }
	@Test void flatten() { check(new Flatten(), GradCheck.random(rnd, 2, 3, 2, 2)); }
	@Test void reshape() { check(new Reshape(2, -1), GradCheck.random(rnd, 2, 3, 2, 2)); }

	@Test
	void linear() {
		Linear l = new Linear(5, 3);
		for (Parameter p : l.parameters()) p.seed(3);
		l.biasParameter().set(new float[] { 0.1f, -0.2f, 0.3f });
		check(l, GradCheck.random(rnd, 4, 5));
	}

	@Test void avgPoolIncludePad() { check(new AvgPool2d(3, 3, 2, 2).padding(1, 1), GradCheck.random(rnd, 2, 2, 5, 6)); }
	@Test void avgPoolExcludePad() { check(new AvgPool2d(3, 2, 2, 1).padding(1, 1).countIncludePad(false), GradCheck.random(rnd, 1, 2, 5, 4)); }
	@Test void adaptiveAverage() { check(AdaptivePool2d.average(3, 2), GradCheck.random(rnd, 2, 2, 7, 5)); }
	@Test void adaptiveMax() { check(AdaptivePool2d.max(3, 2), distinct(2, 2, 7, 5)); }
	@Test void globalMax() { check(AdaptivePool2d.globalMax(), distinct(2, 3, 4, 4)); }
	@Test void channelMaxPool() { check(new ChannelMaxPool(3), distinct(2, 6, 3, 3)); }

	@Test
	void maxUnpool() {
		MaxPool2d pool = new MaxPool2d(2);
		pool.forward(distinct(2, 3, 4, 6), Phase.TRAINING);
		check(new MaxUnpool2d(pool), GradCheck.random(rnd, 2, 3, 2, 3));
	}

	@Test void resizeUp() { check(ResizeBilinear.scale(2, 3), GradCheck.random(rnd, 1, 2, 3, 3)); }
	@Test void resizeDownBySize() { check(ResizeBilinear.size(3, 2), GradCheck.random(rnd, 2, 1, 7, 5)); }
	@Test void resizeFractional() { check(ResizeBilinear.scale(1.5, 0.7), GradCheck.random(rnd, 1, 2, 4, 6)); }
}
