package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.tensor.Tensor;

/** Forward values against published outputs or straightforward definitions. */
class LayerValuesTest {

	private static Tensor t(float[] v, int... shape) { return new Tensor(v, shape); }

	@Test
	void bilinearUpsamplingMatchesPyTorchAlignCornersFalse() {
		// torch.nn.functional.interpolate([[1,2],[3,4]], scale_factor=2, mode="bilinear", align_corners=False)
		float[] expected = { 1.00f, 1.25f, 1.75f, 2.00f, 1.50f, 1.75f, 2.25f, 2.50f, 2.50f, 2.75f, 3.25f, 3.50f, 3.00f, 3.25f, 3.75f, 4.00f };
		Tensor y = ResizeBilinear.scale(2, 2).forward(t(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2), Phase.INFERENCE);
		assertArrayEquals(expected, y.data(), 1e-6f);
		// halving a ramp samples between pixel pairs: (0+1)/2, (2+3)/2 …
		Tensor ramp = Tensor.zeros(1, 1, 1, 8);
		for (int i = 0; i < 8; i++) ramp.data()[i] = i;
		assertArrayEquals(new float[] { 0.5f, 2.5f, 4.5f, 6.5f }, ResizeBilinear.size(1, 4).forward(ramp, Phase.INFERENCE).data(), 1e-6f);
	}

	@Test
	void averagePoolingPaddingConventions() {
		Tensor ones = Tensor.zeros(1, 1, 3, 3).fill(1);
		// a corner window holds 4 image cells of 9
		assertEquals(4f / 9, new AvgPool2d(3, 3, 1, 1).padding(1, 1).forward(ones, Phase.INFERENCE).get(0, 0, 0, 0), 1e-6);
		assertEquals(1f, new AvgPool2d(3, 3, 1, 1).padding(1, 1).countIncludePad(false).forward(ones, Phase.INFERENCE).get(0, 0, 0, 0), 1e-6);
	}

	@Test
	void adaptivePoolingBinsFollowPyTorch() {
		Tensor ramp = Tensor.zeros(1, 1, 1, 5);
		for (int i = 0; i < 5; i++) ramp.data()[i] = i;
		// bins [0,2), [1,4), [3,5)
		assertArrayEquals(new float[] { 0.5f, 2f, 3.5f }, AdaptivePool2d.average(1, 3).forward(ramp, Phase.INFERENCE).data(), 1e-6f);
		assertArrayEquals(new float[] { 1f, 3f, 4f }, AdaptivePool2d.max(1, 3).forward(ramp, Phase.INFERENCE).data(), 1e-6f);
		assertArrayEquals(new float[] { 2f }, new GlobalAvgPool2d().forward(ramp, Phase.INFERENCE).data(), 1e-6f);
	}

	@Test
	void maxUnpoolingPutsMaximaBackInPlace() {
		float[] x = { 1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 6, 7, 9, 2, 3, 2 };
		MaxPool2d pool = new MaxPool2d(2);
		Tensor p = pool.forward(t(x, 1, 1, 4, 4), Phase.INFERENCE);
		assertArrayEquals(new float[] { 5, 8, 9, 7 }, p.data());
		Tensor first = p;
		// this inference pass kept no indices: unpooling must say so rather than guess
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MaxUnpool2d(pool).forward(first, Phase.INFERENCE));
		assertTrue(e.getMessage().contains("indices"), e.getMessage());
		// a MaxUnpool2d makes its pool keep the indices from then on
		p = pool.forward(t(x, 1, 1, 4, 4), Phase.INFERENCE);
		Tensor u = new MaxUnpool2d(pool).forward(p, Phase.INFERENCE);
		assertArrayEquals(new float[] { 0, 5, 0, 0, 0, 0, 8, 0, 0, 0, 0, 7, 9, 0, 0, 0 }, u.data());
	}

	@Test
	void channelMaxPoolTakesTheMaximumOfEachGroup() {
		float[] x = { 1, -2, 3, 0, /**/ 4, -5, 0, 1, /**/ 2, 2, 2, 2, /**/ -1, 0, 5, 3 }; // 4 channels, 2×2
		Tensor y = new ChannelMaxPool(2).forward(t(x, 1, 4, 2, 2), Phase.INFERENCE);
		assertArrayEquals(new float[] { 4, -2, 3, 1, 2, 2, 5, 3 }, y.data());
	}

	@Test
	void activationsMatchTheirDefinitions() {
		Tensor x = t(new float[] { -1, 0.5f }, 1, 2);
		assertArrayEquals(new float[] { -1.1113307f, 0.52535049f }, Activation.selu().forward(x, Phase.INFERENCE).data(), 1e-6f); // torch.selu
		assertArrayEquals(new float[] { (float) Math.expm1(-1), 0.5f }, Activation.elu(1).forward(x, Phase.INFERENCE).data(), 1e-7f);
		assertArrayEquals(new float[] { -0.01f, 0.5f }, Activation.leakyRelu(0.01).forward(x, Phase.INFERENCE).data(), 1e-7f);
		assertArrayEquals(new float[] { (float) (1 / (1 + Math.E)), (float) (1 / (1 + Math.exp(-0.5))) }, Activation.sigmoid().forward(x, Phase.INFERENCE).data(), 1e-7f);
	}

	@Test
	void softmaxOverChannelsSumsToOneAndLogSoftmaxIsItsLog() {
		Tensor x = GradCheck.random(new SplittableRandom(1), 2, 3, 2, 2);
		for (int i = 0; i < x.size(); i++) x.data()[i] *= 50; // large logits
		Tensor p = Softmax.softmax().forward(x, Phase.INFERENCE), lp = Softmax.logSoftmax().forward(x, Phase.INFERENCE);
		for (int n = 0; n < 2; n++)
			for (int k = 0; k < 4; k++) {
				double s = 0;
				for (int c = 0; c < 3; c++) s += p.data()[(n * 3 + c) * 4 + k];
				assertEquals(1, s, 1e-6);
			}
		for (int i = 0; i < p.size(); i++) assertEquals(Math.log(p.data()[i]), lp.data()[i], 1e-4 + 1e-6 * Math.abs(lp.data()[i]));
	}

	/**
	 * Logits of 10^19 (what a deep network with constant weights gives, see the ResNet-50 of onnx-zoo-light): the
	 * log-sum-exp shortcut exp(x − (max + log Σ)) lost log Σ against the maximum and gave 1 for every class.
	 */
	@Test
	void softmaxOfHugeLogitsKeepsTheirDifferences() {
		Tensor x = new Tensor(new float[] { 1e19f, 1e19f, 1e19f, 1e19f, 1e19f, 1e19f + 2e12f }, 2, 3);
		Tensor p = Softmax.softmax().forward(x, Phase.INFERENCE), lp = Softmax.logSoftmax().forward(x, Phase.INFERENCE);
		assertArrayEquals(new float[] { 1 / 3f, 1 / 3f, 1 / 3f, 0, 0, 1 }, p.data(), 1e-7f);
		assertArrayEquals(new float[] { (float) -Math.log(3), (float) -Math.log(3), (float) -Math.log(3) }, java.util.Arrays.copyOf(lp.data(), 3), 1e-6f);
		assertEquals(0, lp.data()[5], 1e-7);
		Tensor q = Softmax.alongAxis(0, true, false).forward(x, Phase.INFERENCE);
		assertEquals(1, q.data()[5], 1e-7);
		assertEquals(0, q.data()[0], 1e-7);
	}

	@Test
	void dropoutKeepsTheExpectationAndIsIdentityInEvaluation() {
		Tensor x = Tensor.zeros(1, 1, 200, 200).fill(1);
		Dropout d = new Dropout(0.25, 3);
		Tensor y = d.forward(x, Phase.TRAINING);
		double mean = 0; int zeros = 0;
		for (float v : y.data()) { mean += v; if (v == 0) zeros++; }
		mean /= y.size();
		assertEquals(1, mean, 0.02); // 40 000 Bernoulli draws: σ ≈ 0.003
		assertEquals(0.25, zeros / (double) y.size(), 0.01);
		assertArrayEquals(x.data(), d.forward(x, Phase.INFERENCE).data());
		Tensor again = new Dropout(0.25, 3).forward(x, Phase.TRAINING);
		assertArrayEquals(y.data(), again.data(), "same seed, same mask");
	}

	@Test
	void convOutputSizeRuleAgreesWithCountingWindowPositions() {
		for (int j = 1; j <= 12; j++)
			for (int m = 1; m <= 5; m++)
				for (int p = 0; p <= 2; p++)
					for (int s = 1; s <= 3; s++) {
						if (m > j + 2 * p) continue;
						int count = 0;
						for (int start = 0; start + m <= j + 2 * p; start += s) count++;
						assertEquals(count, (j + 2 * p - m) / s + 1);
						assertEquals(count, ConvGeometry.outputSize(j, m, s, 1, 2 * p));
						assertEquals(count, new Conv2d(1, 1, m).stride(s).padding(p).outputShape(new int[] { 1, 1, j, j })[2]);
					}
	}

	@Test
	void convTransposeEqualsScatteringTheKernel() {
		SplittableRandom r = new SplittableRandom(4);
		ConvTranspose2d t = new ConvTranspose2d(2, 3, 3).stride(2).padding(1);
		for (Parameter p : t.parameters()) { p.seed(9); p.value(); }
		Tensor b = t.biasParameter().value();
		for (int i = 0; i < 3; i++) b.data()[i] = i * 0.1f;
		Tensor x = GradCheck.random(r, 1, 2, 3, 4);
		Tensor y = t.forward(x, Phase.INFERENCE);
		int oh = (3 - 1) * 2 - 2 + 3, ow = (4 - 1) * 2 - 2 + 3;
		assertArrayEquals(new int[] { 1, 3, oh, ow }, y.shape());
		double[] ref = new double[3 * oh * ow];
		float[] w = t.weight().value().data();
		for (int co = 0; co < 3; co++) for (int i = 0; i < oh * ow; i++) ref[co * oh * ow + i] = b.data()[co];
		for (int ci = 0; ci < 2; ci++)
			for (int iy = 0; iy < 3; iy++)
				for (int ix = 0; ix < 4; ix++)
					for (int co = 0; co < 3; co++)
						for (int ky = 0; ky < 3; ky++)
							for (int kx = 0; kx < 3; kx++) {
								int oy = iy * 2 - 1 + ky, ox = ix * 2 - 1 + kx;
								if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
								ref[(co * oh + oy) * ow + ox] += x.get(0, ci, iy, ix) * w[((ci * 3 + co) * 3 + ky) * 3 + kx];
							}
		for (int i = 0; i < ref.length; i++) assertEquals(ref[i], y.data()[i], 1e-5);
	}

	@Test
	void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInEvaluation() {
		Tensor x = GradCheck.random(new SplittableRandom(2), 4, 2, 3, 3);
		BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 1.0); // momentum 1: running stats become the batch's
		Tensor y = bn.forward(x, Phase.TRAINING);
		for (int c = 0; c < 2; c++) {
			double s = 0, sq = 0; int n = 0;
			for (int i = 0; i < 4; i++) for (int k = 0; k < 9; k++) { double v = x.data()[(i * 2 + c) * 9 + k]; s += v; sq += v * v; n++; }
			double mean = s / n, var = sq / n - mean * mean;
			assertEquals(mean, bn.runningMean().value().data()[c], 1e-6);
			assertEquals(var * n / (n - 1), bn.runningVar().value().data()[c], 1e-5);
			double ym = 0;
			for (int i = 0; i < 4; i++) for (int k = 0; k < 9; k++) ym += y.data()[(i * 2 + c) * 9 + k];
			assertEquals(0, ym / n, 1e-5);
		}
		Tensor e = bn.forward(x, Phase.INFERENCE);
		double expected = (x.data()[0] - bn.runningMean().value().data()[0]) / Math.sqrt(bn.runningVar().value().data()[0] + 1e-5);
		assertEquals(expected, e.data()[0], 1e-5);
	}

	@Test
	void reflectAndReplicatePaddingExtendTheBorderLikeNumpy() {
		// a 1×1 kernel of weight 1 shows the padded image itself: numpy.pad([1,2,3], 2, "reflect") = [3,2,1,2,3,2,1]
		Conv2d reflect = new Conv2d(1, 1, 1).padding(0, 2, 0, 2).paddingMode(Conv2d.PaddingMode.REFLECT).bias(false);
		reflect.weight().value().fill(1);
		assertArrayEquals(new float[] { 3, 2, 1, 2, 3, 2, 1 }, reflect.forward(t(new float[] { 1, 2, 3 }, 1, 1, 1, 3), Phase.INFERENCE).data());
		Conv2d edge = new Conv2d(1, 1, 1).padding(0, 2, 0, 1).paddingMode(Conv2d.PaddingMode.REPLICATE).bias(false);
		edge.weight().value().fill(1);
		assertArrayEquals(new float[] { 1, 1, 1, 2, 3, 3 }, edge.forward(t(new float[] { 1, 2, 3 }, 1, 1, 1, 3), Phase.INFERENCE).data());
		assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 1).padding(0, 3, 0, 0).paddingMode(Conv2d.PaddingMode.REFLECT)
				.forward(Tensor.zeros(1, 1, 1, 3), Phase.INFERENCE));
	}
}
