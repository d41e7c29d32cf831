package sc.fiji.convnet.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.tensor.Tensor;

/** The inference pass of MaxPool2d (windows clipped once, no indices) gives what the general, recording pass gives. */
class MaxPoolInferenceTest {

	@Test
	void inferenceMatchesTheRecordingPass() throws Exception {
		check();
		try (AutoCloseable plain = Kernels.use(Kernels.scalar())) { // the plain-Java maxima, as in Fiji without the vector module
			check();
		}
	}

	private static void check() {
		Random r = new Random(5);
		int[][] cases = { { 2, 2, 2, 2, 0, 0 }, { 3, 3, 2, 2, 0, 0 }, { 3, 3, 1, 1, 1, 1 }, { 2, 3, 1, 2, 1, 0 }, { 1, 1, 1, 1, 0, 0 },
				{ 3, 3, 2, 2, 1, 1 }, { 5, 3, 3, 1, 2, 1 }, { 3, 3, 1, 1, 0, 0 }, { 4, 4, 2, 2, 0, 0 } }; // kernel, stride, padding
		for (int[] c : cases) {
			float[] v = new float[2 * 3 * 11 * 10];
			for (int i = 0; i < v.length; i++) v[i] = r.nextInt(40) == 0 ? Float.NaN : (float) r.nextGaussian();
			Tensor x = new Tensor(v, 2, 3, 11, 10);
			Tensor fast = new MaxPool2d(c[0], c[1], c[2], c[3]).padding(c[4], c[5]).forward(x, Phase.INFERENCE);
			Tensor general = new MaxPool2d(c[0], c[1], c[2], c[3]).padding(c[4], c[5]).forward(x, Phase.EVAL_WITH_GRADIENTS);
			assertArrayEquals(general.data(), fast.data(), java.util.Arrays.toString(c));
			assertArrayEquals(general.shape(), fast.shape());
		}
	}

	/** The 2×2 stride-2 and the separable paths on a pass large enough to be split over threads, odd sizes, NaN included. */
	@Test
	void aLargePassMatchesTheRecordingPass() throws Exception {
		checkLarge();
		try (AutoCloseable plain = Kernels.use(Kernels.scalar())) {
			checkLarge();
		}
	}

	private static void checkLarge() {
		Random r = new Random(6);
		float[] v = new float[2 * 3 * 131 * 261];
		for (int i = 0; i < v.length; i++) v[i] = r.nextInt(50) == 0 ? Float.NaN : (float) r.nextGaussian();
		Tensor x = new Tensor(v, 2, 3, 131, 261);
		int[][] cases = { { 2, 2, 2, 2, 0, 0 }, { 3, 3, 2, 2, 0, 0 }, { 3, 3, 2, 2, 1, 1 } }; // kernel, stride, padding
		for (int[] c : cases) {
			Tensor fast = new MaxPool2d(c[0], c[1], c[2], c[3]).padding(c[4], c[5]).forward(x, Phase.INFERENCE);
			Tensor general = new MaxPool2d(c[0], c[1], c[2], c[3]).padding(c[4], c[5]).forward(x, Phase.EVAL_WITH_GRADIENTS);
			assertArrayEquals(general.shape(), fast.shape());
			assertArrayEquals(general.data(), fast.data(), java.util.Arrays.toString(c));
		}
	}
}
