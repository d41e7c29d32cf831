package sc.fiji.convnet.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The parallel layers split their work into pieces that do not depend on the number of threads, so one
 * thread and three threads give bit-identical outputs, input gradients and parameter gradients.
 */
class ThreadCountIndependenceTest {

	private static final int[] SHAPE = { 2, 4, 100, 90 }; // 72 000 values: several pieces of an element-wise loop

	@Test
	void batchNormReluMaxPoolConcatGiveTheSameResultsOnOneAndThreeThreads() {
		check(() -> new BatchNorm2d(4), true);
		check(ReLU::new, true);
		check(() -> new MaxPool2d(2), true);
		check(() -> new BatchNorm2d(4), false);
	}

	@Test
	void concatAndTransposedConvolutionForwardGiveTheSameResultsOnOneAndThreeThreads() {
		List<float[]> one = concatAndUp(1), three = concatAndUp(3);
		for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), three.get(i), 0f, "result " + i);
	}

	private static List<float[]> concatAndUp(int threads) {
		return withThreads(threads, () -> {
			SplittableRandom r = new SplittableRandom(3);
			Tensor a = random(r, SHAPE), b = random(r, 2, 3, 100, 90);
			Concat c = new Concat();
			Tensor y = c.forward(new Tensor[] { a, b }, Phase.TRAINING);
			Tensor[] dx = c.backward(random(r, y.shape()));
			ConvTranspose2d up = new ConvTranspose2d(4, 5, 2).stride(2);
			up.weight().seed(1);
			Tensor u = up.forward(a, Phase.TRAINING);
			List<float[]> out = new ArrayList<>(List.of(y.data(), dx[0].data(), dx[1].data(), u.data()));
			up.backward(random(r, u.shape()));
			out.add(up.biasParameter().grad().data().clone());
			return out;
		});
	}

	private static void check(Supplier<Layer> make, boolean training) {
		List<float[]> one = run(make, training, 1), three = run(make, training, 3);
		for (int i = 0; i < one.size(); i++)
			assertArrayEquals(one.get(i), three.get(i), 0f, make.get().type() + " result " + i);
	}

	private static List<float[]> run(Supplier<Layer> make, boolean training, int threads) {
		return withThreads(threads, () -> {
			SplittableRandom r = new SplittableRandom(7);
			Layer layer = make.get();
			Phase phase = training ? Phase.TRAINING : Phase.EVAL_WITH_GRADIENTS;
			Tensor x = random(r, SHAPE);
			Tensor y = layer.forward(x, phase);
			Tensor dx = layer.backward(random(r, y.shape()))[0];
			List<float[]> out = new ArrayList<>(List.of(y.data(), dx.data()));
			for (Parameter p : layer.parameters()) {
				out.add(p.value().data().clone());
				if (p.trainable()) out.add(p.grad().data().clone());
			}
			return out;
		});
	}

	private static <T> T withThreads(int threads, Supplier<T> body) {
		String old = System.getProperty("convnet.threads");
		System.setProperty("convnet.threads", Integer.toString(threads));
		try {
			return body.get();
		} finally {
			if (old == null) System.clearProperty("convnet.threads");
			else System.setProperty("convnet.threads", old);
		}
	}

	private static Tensor random(SplittableRandom r, int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextGaussian();
		return t;
	}
}
