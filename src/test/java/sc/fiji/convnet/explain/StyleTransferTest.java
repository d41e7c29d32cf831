package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.tensor.Tensor;

class StyleTransferTest {

	private static StyleTransfer configured(Network net) {
		return StyleTransfer.of(net).contentLayer("relu2").styleLayer("relu1", 0.5).styleLayer("relu2", 1.0).weights(1, 100).smoothness(0);
	}

	/** Stripes as the style, a square as the content. */
	private static Tensor stripes() { return stripes(16); }

	private static Tensor stripes(int size) {
		Tensor t = Tensor.zeros(1, 1, size, size);
		for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) t.set((x / 2) % 2 == 0 ? 1f : -1f, 0, 0, y, x);
		return t;
	}

	@Test
	void aStyleImageOfAnotherSizeIsComparedPerPosition() {
		// the same stripes on 48² and on 192²: the content image's style loss against either is about the same (the
		// borders differ a little); compared by pixel count, the larger one would weigh many times as much
		Network net = TinyNets.randomClassifier(67, 3, false);
		Tensor content = TinyNets.square(16, 16, 7, 7, 1f);
		double small = configured(net).targets(content, stripes(48)).evaluate(content).style();
		double large = configured(net).targets(content, stripes(192)).evaluate(content).style();
		assertEquals(1, large / small, 0.35, "style loss against 48² stripes " + small + ", against 192² stripes " + large);
	}

	@Test
	void gradientOfTheTotalLossMatchesCentralDifferences() {
		Network net = TinyNets.randomClassifier(61, 3, false);
		// with the image's own channels as a style layer and the smoothness term, as the defaults have them
		StyleTransfer st = configured(net).styleLayer("input", 0.3).smoothness(0.05);
		StyleTransfer.Targets targets = st.targets(TinyNets.square(16, 16, 7, 7, 1f), stripes());
		Tensor x = TinyNets.random(62, 1, 1, 16, 16);
		StyleTransfer.Evaluation e = targets.evaluate(x);
		assertTrue(e.content() > 0 && e.style() > 0 && e.smoothness() > 0);
		double maxGrad = 0;
		for (float v : e.gradient().data()) maxGrad = Math.max(maxGrad, Math.abs(v));
		for (int i = 0; i < x.size(); i += 7) {
			double h = 1e-3; // small enough that no max-pool switch or ReLU kink lies within ±h
			Tensor p = x.copy(), m = x.copy();
			p.data()[i] += h;
			m.data()[i] -= h;
			double numeric = (targets.evaluate(p).loss() - targets.evaluate(m).loss()) / (2 * h);
			assertEquals(numeric, e.gradient().data()[i], 2e-2 * maxGrad, "pixel " + i);
		}
	}

	@Test
	void gramMatrixAndLossesFollowTheirDefinitions() {
		Tensor f = TinyNets.random(70, 1, 3, 2, 4);
		double[] g = StyleTransfer.gram(f);
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				double s = 0;
				for (int y = 0; y < 2; y++) for (int x = 0; x < 4; x++) s += f.get(0, i, y, x) * f.get(0, j, y, x);
				assertEquals(s, g[i * 3 + j], 1e-5);
			}
		// the content image itself has zero content loss; the style image itself zero style loss
		Network net = TinyNets.randomClassifier(63, 3, false);
		Tensor content = TinyNets.square(16, 16, 7, 7, 1f), style = stripes();
		StyleTransfer.Targets t = configured(net).targets(content, style);
		assertEquals(0, t.evaluate(content).content(), 1e-9);
		assertEquals(0, t.evaluate(style).style(), 1e-9);
	}

	@Test
	void adamOnTheImageLowersTheLoss() {
		Network net = TinyNets.randomClassifier(64, 3, false);
		Tensor content = TinyNets.random(9, 1, 1, 16, 16);
		TinyNets.paint(content, 7, 7, 2f);
		Tensor style = stripes();
		Tensor noise = TinyNets.random(8, 1, 1, 16, 16);
		for (int i = 0; i < style.size(); i++) style.data()[i] += 0.3f * noise.data()[i];
		double styleOfContent = configured(net).targets(content, style).evaluate(content).style();
		for (boolean fromNoise : new boolean[] { false, true }) {
			StyleTransfer st = configured(net).iterations(100).learningRate(0.05);
			if (fromNoise) st.fromNoise(3);
			StyleTransfer.Result r = st.transfer(content, style);
			double first = r.losses()[0], last = r.losses()[r.losses().length - 1];
			System.out.printf("Style transfer from %s: loss %.5f → %.5f (content %.5f, style %.6f; style of the content image %.6f)%n",
					fromNoise ? "noise" : "content", first, last, r.last().content(), r.last().style(), styleOfContent);
			assertTrue(last < (fromNoise ? 0.2 : 0.9) * first, first + " → " + last);
			assertTrue(r.last().style() < 0.9 * styleOfContent, "the style loss falls below that of the content image");
			assertEquals("[1, 1, 16, 16]", r.image().shapeString());
		}
	}

	@Test
	void smoothnessIsTheSquaredDifferenceOfNeighbours() {
		Tensor x = TinyNets.random(71, 1, 2, 3, 4), grad = Tensor.zeros(1, 2, 3, 4);
		double e = StyleTransfer.smoothness(x, grad, 0.7), expected = 0;
		for (int c = 0; c < 2; c++)
			for (int y = 0; y < 3; y++)
				for (int i = 0; i < 4; i++) {
					if (i + 1 < 4) expected += Math.pow(x.get(0, c, y, i + 1) - x.get(0, c, y, i), 2);
					if (y + 1 < 3) expected += Math.pow(x.get(0, c, y + 1, i) - x.get(0, c, y, i), 2);
				}
		assertEquals(expected, e, 1e-5);
		for (int i = 0; i < x.size(); i++) {
			double h = 1e-3;
			Tensor p = x.copy(), m = x.copy();
			p.data()[i] += h;
			m.data()[i] -= h;
			double numeric = 0.7 * (StyleTransfer.smoothness(p, Tensor.zeros(1, 2, 3, 4), 1) - StyleTransfer.smoothness(m, Tensor.zeros(1, 2, 3, 4), 1)) / (2 * h);
			assertEquals(numeric, grad.data()[i], 1e-3, "pixel " + i);
		}
	}

	@Test
	void theSmoothnessTermQuietsPixelNoiseAndPixelsStayInTheContentRange() {
		Network net = TinyNets.randomClassifier(66, 3, false);
		Tensor content = TinyNets.square(16, 16, 7, 7, 1f), style = stripes();
		double[] tv = new double[2];
		for (int k = 0; k < 2; k++) {
			StyleTransfer.Result r = configured(net).smoothness(k == 0 ? 0 : 5).iterations(60).learningRate(0.05).transfer(content, style);
			tv[k] = StyleTransfer.smoothness(r.image(), Tensor.zeros(r.image().shape()), 1);
			for (float v : r.image().data()) assertTrue(v >= -1 && v <= 1, "pixel " + v + " outside the two images' range [-1, 1]");
		}
		assertTrue(tv[1] < 0.7 * tv[0], "squared total variation " + tv[0] + " without the term, " + tv[1] + " with it");
	}

	@Test
	void missingLayersAreNamed() {
		Network net = TinyNets.randomClassifier(65, 3, false);
		var e = assertThrows(IllegalStateException.class, () -> StyleTransfer.of(net).contentLayer("relu2").transfer(stripes(), stripes()));
		assertTrue(e.getMessage().contains("style layer"), e.getMessage());
		var f = assertThrows(IllegalArgumentException.class, () -> StyleTransfer.of(net).contentLayer("relu2").styleLayer("conv9", 1).transfer(stripes(), stripes()));
		assertTrue(f.getMessage().contains("conv9"), f.getMessage());
	}
}
