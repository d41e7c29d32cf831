package sc.fiji.convnet.engine;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.tensor.Tensor;

/** Every layer's backward pass against central finite differences (see {@link GradCheck}). */
class LayerGradientTest {

	private final SplittableRandom rnd = new SplittableRandom(7);

	private static <L extends Layer> L seeded(L layer, long seed) {
		for (Parameter p : layer.parameters()) p.seed(seed++);
		return layer;
	}

	/** Random values at least 0.02 apart in each plane, so that max-pooling has no near-ties within h. */
	private Tensor distinct(int... shape) { return GradCheck.distinct(rnd, 0, shape); }

	@Test
	void conv2dPlain() {
		GradCheck.check(seeded(new Conv2d(3, 4, 3).named("c"), 1), new Tensor[] { GradCheck.random(rnd, 2, 3, 5, 6) }, Phase.TRAINING, 11);
	}

	@Test
	void conv2dStrideDilationAsymmetricPaddingGroups() {
		Conv2d c = seeded(new Conv2d(4, 6, 3, 2).stride(2, 1).dilation(1, 2).padding(1, 0, 2, 1).groups(2), 3);
		GradCheck.check(c, new Tensor[] { GradCheck.random(rnd, 2, 4, 7, 6) }, Phase.TRAINING, 12);
	}

	@Test
	void conv2dWithoutBias() {
		GradCheck.check(seeded(new Conv2d(2, 3, 1).bias(false), 5), new Tensor[] { GradCheck.random(rnd, 1, 2, 4, 4) }, Phase.TRAINING, 13);
	}

	@Test
	void convTransposeStride2() {
		GradCheck.check(seeded(new ConvTranspose2d(3, 2, 2).stride(2), 7), new Tensor[] { GradCheck.random(rnd, 2, 3, 3, 4) }, Phase.TRAINING, 14);
	}

	@Test
	void convTransposeOverlappingPaddedGrouped() {
		ConvTranspose2d t = seeded(new ConvTranspose2d(4, 6, 3).stride(2).padding(1).outputPadding(1, 1).groups(2), 9);
		GradCheck.check(t, new Tensor[] { GradCheck.random(rnd, 1, 4, 3, 3) }, Phase.TRAINING, 15);
	}

	@Test
	void relu() {
		Tensor x = distinct(2, 3, 4, 4); // values on a 0.05 grid, shifted by 0.025: none within h of the kink
		for (int i = 0; i < x.size(); i++) x.data()[i] += 0.025f;
		GradCheck.check(new ReLU(), new Tensor[] { x }, Phase.TRAINING, 16);
	}

	@Test
	void maxPool() {
		GradCheck.check(new MaxPool2d(2), new Tensor[] { distinct(2, 2, 6, 6) }, Phase.TRAINING, 17);
	}

	@Test
	void maxPoolOverlappingPadded() {
		GradCheck.check(new MaxPool2d(3, 3, 2, 2).padding(1, 1), new Tensor[] { distinct(1, 2, 7, 6) }, Phase.TRAINING, 18);
	}

	@Test
	void upsampleNearest() {
		GradCheck.check(new UpsampleNearest(2, 3), new Tensor[] { GradCheck.random(rnd, 2, 2, 3, 2) }, Phase.TRAINING, 19);
	}

	@Test
	void concatThreeInputs() {
		GradCheck.check(new Concat(), new Tensor[] { GradCheck.random(rnd, 2, 1, 3, 3), GradCheck.random(rnd, 2, 3, 3, 3),
				GradCheck.random(rnd, 2, 2, 3, 3) }, Phase.TRAINING, 20);
	}

	@Test
	void batchNormTraining() {
		BatchNorm2d bn = new BatchNorm2d(3);
		for (int c = 0; c < 3; c++) { bn.gamma().value().data()[c] = 0.5f + c; bn.beta().value().data()[c] = c - 1; }
		GradCheck.check(bn, new Tensor[] { GradCheck.random(rnd, 3, 3, 3, 4) }, Phase.TRAINING, 21);
	}

	@Test
	void batchNormEvaluation() {
		BatchNorm2d bn = new BatchNorm2d(2);
		bn.runningMean().set(new float[] { 0.3f, -0.2f });
		bn.runningVar().set(new float[] { 0.5f, 2f });
		bn.gamma().set(new float[] { 1.5f, -0.7f });
		GradCheck.check(bn, new Tensor[] { GradCheck.random(rnd, 2, 2, 3, 3) }, Phase.EVAL_WITH_GRADIENTS, 22);
	}

	@Test
	void globalAveragePool() {
		GradCheck.check(new GlobalAvgPool2d(), new Tensor[] { GradCheck.random(rnd, 2, 3, 4, 5) }, Phase.TRAINING, 23);
	}

	@Test
	void conv2dReflectPadding() {
		Conv2d c = seeded(new Conv2d(2, 3, 3).padding(2, 1, 1, 2).paddingMode(Conv2d.PaddingMode.REFLECT), 21);
		GradCheck.check(c, new Tensor[] { GradCheck.random(rnd, 2, 2, 4, 5) }, Phase.TRAINING, 24);
	}

	@Test
	void conv2dReplicatePadding() {
		Conv2d c = seeded(new Conv2d(2, 2, 3).stride(2).padding(1).paddingMode(Conv2d.PaddingMode.REPLICATE), 22);
		GradCheck.check(c, new Tensor[] { GradCheck.random(rnd, 1, 2, 5, 4) }, Phase.TRAINING, 25);
	}
}
