package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.layers.Reshape;
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

	@Test
	void inferencePassesRecyclingArraysGiveWhatFreshArraysGive() {
		SplittableRandom r = new SplittableRandom(14);
		Tensor[] x = { random(r, 2, 1, 16, 16), random(r, 1, 1, 24, 16), random(r, 2, 1, 16, 16) }; // a size change too
		Network recycling = UNet.builder().classes(3).depth(2).baseWidth(4).seed(5).build();
		Network fresh = UNet.builder().classes(3).depth(2).baseWidth(4).seed(5).build().reuseBuffers(false);
		Tensor first = recycling.forward(x[0]);
		float[] firstValues = first.data().clone();
		for (int pass = 0; pass < 6; pass++)
			assertArrayEquals(fresh.forward(x[pass % 3]).data(), recycling.forward(x[pass % 3]).data(), 0f, "pass " + pass);
		assertArrayEquals(firstValues, first.data(), 0f, "the first output, after later passes");
	}

	@Test
	void convolutionsWritingIntoAConcatenationGiveWhatFreshArraysGive() {
		// a fire module: squeeze, then a 1×1 and a 3×3 expansion into one concatenation, with a third input that is no
		// convolution's and a convolution that also feeds another layer (neither is written in place)
		NetworkBuilder b = new NetworkBuilder(3).seed(21);
		int squeeze = b.then(new Conv2d(3, 4, 1).relu(true));
		int e1 = b.add(new Conv2d(4, 5, 1).relu(true), squeeze);
		int relu = b.add(new ReLU(), squeeze);
		int e3 = b.add(new Conv2d(4, 6, 3).padding(1), squeeze);
		int shared = b.add(new Conv2d(4, 2, 3).padding(1), squeeze);
		int concat = b.add(new Concat(), e1, relu, e3, shared);
		int other = b.add(new ReLU(), shared);
		b.add(new Concat(), concat, other);
		b.then(new Conv2d(19, 2, 1));
		Network recycling = b.build();
		Network fresh = recycling.copy().reuseBuffers(false);
		assertEquals(2, recycling.convolutionsIntoConcatenations(), "e1 and e3");
		SplittableRandom r = new SplittableRandom(17);
		Tensor[] x = { random(r, 1, 3, 9, 7), random(r, 1, 3, 9, 7), random(r, 2, 3, 9, 7), random(r, 1, 3, 5, 11) };
		for (int pass = 0; pass < 8; pass++) // batches of one in place, of two not; a size change
			assertArrayEquals(fresh.forward(x[pass % 4]).data(), recycling.forward(x[pass % 4]).data(), 0f, "pass " + pass);
	}

	@Test
	void anArrayStillReadThroughAViewIsNotRecycled() {
		// the ReLU's array is last read by the Reshape, whose view the 3×3 convolution reads: handing the array to the
		// convolution as its output would overwrite pixels it has still to read
		NetworkBuilder b = new NetworkBuilder(2).seed(3);
		b.then(new ReLU());
		b.then(new Reshape(2, 6, 6));
		b.then(new Conv2d(2, 2, 3).padding(1));
		b.then(new ReLU());
		Network recycling = b.build();
		Network fresh = recycling.copy().reuseBuffers(false);
		SplittableRandom r = new SplittableRandom(15);
		for (int pass = 0; pass < 3; pass++) {
			Tensor x = random(r, 1, 2, 6, 6);
			assertArrayEquals(fresh.forward(x).data(), recycling.forward(x).data(), 0f, "pass " + pass);
		}
	}

	@Test
	void threadsSharingANetworkGetTheirOwnArrays() throws Exception {
		Network shared = UNet.builder().classes(2).depth(2).baseWidth(4).seed(8).build();
		Network fresh = shared.copy().reuseBuffers(false);
		SplittableRandom r = new SplittableRandom(16);
		Tensor[] x = new Tensor[8];
		Tensor[] expected = new Tensor[8];
		for (int i = 0; i < x.length; i++) {
			x[i] = random(r, 1, 1, 16, 16);
			expected[i] = fresh.forward(x[i]);
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<float[]>> got = new java.util.ArrayList<>();
			for (int round = 0; round < 5; round++)
				for (int i = 0; i < x.length; i++) {
					Tensor xi = x[i];
					got.add(pool.submit(() -> shared.forward(xi).data()));
				}
			for (int k = 0; k < got.size(); k++) assertArrayEquals(expected[k % x.length].data(), got.get(k).get(), 0f, "pass " + k);
		} finally {
			pool.shutdownNow();
		}
	}
}
