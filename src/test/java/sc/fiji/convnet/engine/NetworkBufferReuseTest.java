package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Layers reuse their output and gradient arrays between training passes: the results must be the same as
 * with fresh arrays, and nothing handed to the caller may change when the next pass runs.
 */
class NetworkBufferReuseTest {

	private static Tensor random(SplittableRandom r, int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextGaussian();
		return t;
	}

	private static Tensor labels(SplittableRandom r, int classes, int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = r.nextInt(classes);
		return t;
	}

	@Test
	void trainingWithReusedBuffersEqualsTrainingWithFreshArrays() {
		SplittableRandom r = new SplittableRandom(11);
		Tensor[] x = { random(r, 2, 1, 16, 16), random(r, 2, 1, 16, 16), random(r, 2, 1, 8, 8) }; // a size change too
		Tensor[] t = { labels(r, 3, 2, 1, 16, 16), labels(r, 3, 2, 1, 16, 16), labels(r, 3, 2, 1, 8, 8) };
		Network reusing = UNet.builder().classes(3).depth(2).baseWidth(4).seed(5).build();
		Network fresh = UNet.builder().classes(3).depth(2).baseWidth(4).seed(5).build().reuseBuffers(false);
		Trainer a = new Trainer(reusing, new SoftmaxCrossEntropy(), new Adam(reusing.parameters(), 1e-2));
		Trainer b = new Trainer(fresh, new SoftmaxCrossEntropy(), new Adam(fresh.parameters(), 1e-2));
		for (int step = 0; step < 6; step++) {
			double la = a.step(x[step % 3], t[step % 3]), lb = b.step(x[step % 3], t[step % 3]);
			assertEquals(lb, la, 0, "loss at step " + step);
		}
		List<Parameter> pa = reusing.allParameters(), pb = fresh.allParameters();
		for (int i = 0; i < pa.size(); i++)
			assertArrayEquals(pb.get(i).value().data(), pa.get(i).value().data(), 0f, pa.get(i).toString());
	}

	@Test
	void outputsAndInputGradientsSurviveTheNextTrainingPass() {
		SplittableRandom r = new SplittableRandom(12);
		Network net = UNet.builder().classes(2).depth(1).baseWidth(3).seed(6).build();
		Tensor x1 = random(r, 1, 1, 8, 8), x2 = random(r, 1, 1, 8, 8), g = random(r, 1, 2, 8, 8);
		Tensor y1 = net.forward(x1, Phase.TRAINING);
		Tensor dx1 = net.backward(g);
		float[] y1Values = y1.data().clone(), dx1Values = dx1.data().clone();
		net.forward(x2, Phase.TRAINING);
		net.backward(g);
		assertArrayEquals(y1Values, y1.data(), 0f, "output of the first pass");
		assertArrayEquals(dx1Values, dx1.data(), 0f, "input gradient of the first pass");
	}

	@Test
	void aViewOfAReusedBufferIsCopiedBeforeItIsReturned() {
		// the output is Flatten's view of the ReLU's array, which the ReLU reuses
		NetworkBuilder b = new NetworkBuilder(1).seed(3);
		b.then(new ReLU());
		b.then(new Flatten());
		Network net = b.build();
		SplittableRandom r = new SplittableRandom(13);
		Tensor y1 = net.forward(random(r, 2, 1, 3, 3), Phase.TRAINING);
		float[] kept = y1.data().clone();
		net.forward(random(r, 2, 1, 3, 3), Phase.TRAINING);
		assertArrayEquals(kept, y1.data(), 0f);
	}
}
