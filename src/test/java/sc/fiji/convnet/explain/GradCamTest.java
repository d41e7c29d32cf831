package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.onnx.export.OnnxExporter;
import sc.fiji.convnet.onnx.imports.ImportedModel;
import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.tensor.Tensor;

class GradCamTest {

	@TempDir
	Path tmp;

	/** A bright square at (11, 4) and a dark one at (4, 11) on a 16×16 image. */
	private static Tensor twoSquares() {
		Tensor x = TinyNets.square(16, 16, 11, 4, 1f);
		TinyNets.paint(x, 4, 11, -1f);
		return x;
	}

	@Test
	void defaultLayerIsTheLastConvolutionAfterItsReLU() {
		Network net = TinyNets.blobDetector();
		assertEquals(Nodes.byName(net, "relu"), GradCam.of(net).layerNode());
		Network other = TinyNets.randomClassifier(1, 3);
		assertEquals(Nodes.byName(other, "relu3"), Nodes.lastConvolution(other));
	}

	/**
	 * With global average pooling and a linear head, ∂a^(c)/∂A^(k)_ij = W_ck / (H·W) at every position, so
	 * α_k = W_ck/256 and L = ReLU(α_c·A^(c)), where A^(c) = ReLU(box mean ± 0.1) is computed here directly.
	 */
	@Test
	void blobDetectorMapIsTheAnalyticWeightedFeatureMapAndPeaksAtTheObject() {
		Network net = TinyNets.blobDetector();
		Tensor x = twoSquares();
		for (int c = 0; c < 2; c++) {
			GradCam.Result r = GradCam.of(net).classIndex(c).compute(x);
			assertEquals(TinyNets.HEAD / 256, r.alphas()[c], 1e-7);
			assertEquals(0, r.alphas()[1 - c], 1e-7);
			float sign = c == 0 ? 1 : -1;
			for (int y = 0; y < 16; y++)
				for (int xx = 0; xx < 16; xx++) {
					double box = 0;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							int yy = y + dy, xq = xx + dx;
							if (yy >= 0 && yy < 16 && xq >= 0 && xq < 16) box += x.get(0, 0, yy, xq);
						}
					double a = Math.max(0, sign * box / 9 + TinyNets.BIAS);
					assertEquals(TinyNets.HEAD / 256 * a, r.map().get(xx, y), 1e-7, "at " + xx + "," + y);
				}
			int[] peak = r.map().argmax();
			assertArrayEquals(c == 0 ? new int[] { 11, 4 } : new int[] { 4, 11 }, peak, "class " + c);
			assertEquals(c, r.map().classIndex());
			assertEquals("relu", r.layer());
		}
		// without a class: the top one. The bright square scores 4·mean(A0); add a second bright square.
		TinyNets.paint(x, 12, 12, 1f);
		GradCam.Result top = GradCam.of(net).compute(x);
		assertEquals(0, top.map().classIndex());
		assertTrue(top.scores()[0] > top.scores()[1]);
	}

	@Test
	void coarseLayerIsUpsampledAndStillPeaksNearTheObject() {
		Network net = TinyNets.randomClassifier(3, 3);
		// a map from pool1 (8×8) up-sampled to 16×16 keeps the object's place within the pooling window
		Network blob = TinyNets.blobDetector();
		GradCam.Result r = GradCam.of(blob).layer("conv").classIndex(0).compute(TinyNets.square(16, 16, 11, 4, 1f));
		assertEquals(16, r.map().width());
		assertArrayEquals(new int[] { 11, 4 }, r.map().argmax());
		GradCam.Result p = GradCam.of(net).layer("pool1").classIndex(1).compute(TinyNets.random(5, 1, 1, 16, 16));
		assertEquals(8, p.coarseWidth());
		assertEquals(8, p.coarseHeight());
		assertEquals(16 * 16, p.map().values().length);
		// up-sampling a constant-free check: the up-sampled map averages back (2×2 blocks) close to the coarse map
		for (int y = 0; y < 8; y++)
			for (int x = 0; x < 8; x++) {
				double mean = 0;
				for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) mean += p.map().get(2 * x + dx, 2 * y + dy) / 4;
				float c = Math.max(0, p.coarse()[y * 8 + x]);
				double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int yy = Math.min(7, Math.max(0, y + dy)), xx = Math.min(7, Math.max(0, x + dx));
						float v = Math.max(0, p.coarse()[yy * 8 + xx]);
						lo = Math.min(lo, v); hi = Math.max(hi, v);
					}
				assertTrue(mean >= lo - 1e-6 && mean <= hi + 1e-6, "bilinear values stay between neighbours");
				assertTrue(Math.abs(mean - c) <= (hi - lo) + 1e-6);
			}
	}

	/** α_k = (1/HW)·Σ_ij ∂a/∂A_kij = d a(A + t·1_k)/dt / HW: shifting the whole map k by ±h, centrally. */
	@Test
	void alphasEqualFiniteDifferencesOfTheScoreWithRespectToTheMapMean() {
		Network net = TinyNets.randomClassifier(11, 3);
		Tensor x = TinyNets.random(12, 1, 1, 16, 16);
		for (String layer : new String[] { "tanh2", "conv2", "relu3", "pool1" }) {
			for (int c = 0; c < 3; c++) {
				GradCam.Result r = GradCam.of(net).layer(layer).classIndex(c).compute(x);
				int node = Nodes.byName(net, layer);
				try (NodePass pass = NodePass.run(net, x, Phase.INFERENCE)) {
					Tensor a = pass.value(node);
					int plane = a.dim(2) * a.dim(3);
					double h = 1e-2, maxAlpha = 0;
					for (float v : r.alphas()) maxAlpha = Math.max(maxAlpha, Math.abs(v));
					for (int k = 0; k < a.dim(1); k++) {
						double plus = ClassScores.of(pass.outputWith(node, shifted(a, k, h)), 0)[c];
						double minus = ClassScores.of(pass.outputWith(node, shifted(a, k, -h)), 0)[c];
						double numeric = (plus - minus) / (2 * h * plane);
						assertEquals(numeric, r.alphas()[k], 1e-5 + 2e-2 * maxAlpha, layer + " class " + c + " channel " + k);
					}
					assertTrue(maxAlpha > 1e-5, "a test with all α = 0 proves nothing");
				}
			}
		}
	}

	private static Tensor shifted(Tensor a, int channel, double h) {
		Tensor s = a.copy();
		int plane = a.dim(2) * a.dim(3);
		for (int i = 0; i < plane; i++) s.data()[channel * plane + i] += (float) h;
		return s;
	}

	@Test
	void importedOnnxClassifierGivesTheSameMapAsTheEngineNetwork() throws Exception {
		Network net = TinyNets.randomClassifier(21, 4);
		Path file = tmp.resolve("classifier.onnx");
		OnnxExporter.export(net, file);
		ImportedModel imported = OnnxImporter.load(file, 1, 1, 16, 16);
		Tensor x = TinyNets.random(22, 1, 1, 16, 16);
		GradCam.Result ours = GradCam.of(net).compute(x);
		GradCam.Result theirs = GradCam.of(imported.network()).compute(x);
		assertEquals(ours.map().classIndex(), theirs.map().classIndex());
		double max = ours.map().max();
		assertTrue(max > 0);
		for (int i = 0; i < ours.map().values().length; i++)
			assertEquals(ours.map().values()[i], theirs.map().values()[i], 1e-4 * max);
	}

	@Test
	void badInputNamesTheProblem() {
		Network net = TinyNets.blobDetector();
		var e = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net).layer("nope").compute(Tensor.zeros(1, 1, 8, 8)));
		assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("relu"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net).classIndex(5).compute(Tensor.zeros(1, 1, 8, 8)));
		assertTrue(e.getMessage().contains("class 5") && e.getMessage().contains("2 classes"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net).compute(Tensor.zeros(2, 1, 8, 8)));
		assertTrue(e.getMessage().contains("[2, 1, 8, 8]"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net).layer("flatten").compute(Tensor.zeros(1, 1, 8, 8)));
		assertTrue(e.getMessage().contains("flatten"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net).layer("head").compute(Tensor.zeros(1, 1, 8, 8)));
		assertTrue(e.getMessage().contains("head"), e.getMessage());
	}
}
