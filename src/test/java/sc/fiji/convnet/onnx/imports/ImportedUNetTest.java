package sc.fiji.convnet.onnx.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.tensor.Npy;
import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The published bioimage.io U-Net (unet2d_nuclei_broad, ONNX opset 20) imported into the engine: its output on the
 * published test input equals ONNX Runtime's, and input gradients through the imported layers match central
 * finite differences.
 */
class ImportedUNetTest {

	/** bioimage.io zero_mean_unit_variance over x and y, as the model's rdf.yaml prescribes. */
	static Tensor normalized(Tensor raw) {
		float[] v = raw.data();
		double mean = 0, sq = 0;
		for (float f : v) mean += f;
		mean /= v.length;
		for (float f : v) sq += (f - mean) * (f - mean);
		double std = Math.sqrt(sq / v.length);
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) out[i] = (float) ((v[i] - mean) / (std + 1e-6));
		return new Tensor(out, raw.shape());
	}

	@Test
	void publishedTestInputMatchesOnnxRuntime() throws Exception {
		var weights = TestData.require(TestData.UNET.resolve("weights.onnx"));
		Tensor x = normalized(Npy.read(TestData.UNET.resolve("test_input.npy")));
		ImportedModel model = OnnxImporter.load(weights, x.shape());
		Tensor engine = model.run(x);
		Tensor ort;
		try (OnnxSession s = OnnxSession.open(weights, 2)) { ort = s.run(x); }
		assertArrayEquals(ort.shape(), engine.shape());
		double max = 0, maxDiff = 0;
		for (int i = 0; i < ort.size(); i++) {
			max = Math.max(max, Math.abs(ort.data()[i]));
			maxDiff = Math.max(maxDiff, Math.abs(ort.data()[i] - engine.data()[i]));
		}
		System.out.printf("U-Net %s: engine vs ONNX Runtime max |diff| %.3g, max |y| %.3g (relative %.3g)%n", x.shapeString(), maxDiff, max, maxDiff / max);
		assertTrue(maxDiff <= 1e-4 * max, "engine vs ORT: max |diff| " + maxDiff + " of max |y| " + max);
		// and the published probabilities (the rdf.yaml's sigmoid post-processing applied to the engine's output)
		Tensor published = Npy.read(TestData.UNET.resolve("test_output.npy"));
		double pubDiff = 0;
		for (int i = 0; i < published.size(); i++) {
			double p = 1 / (1 + Math.exp(-engine.data()[i]));
			pubDiff = Math.max(pubDiff, Math.abs(published.data()[i] - p));
		}
		System.out.printf("U-Net: sigmoid(engine) vs published test_output.npy max |diff| %.3g%n", pubDiff);
		assertTrue(pubDiff <= 1e-3, "engine vs published probabilities: max |diff| " + pubDiff);
	}

	@Test
	void inputGradientMatchesFiniteDifferences() throws Exception {
		var weights = TestData.require(TestData.UNET.resolve("weights.onnx"));
		int s = 32;
		ImportedModel model = OnnxImporter.load(weights, 1, 1, s, s);
		Random r = new Random(11);
		float[] xv = new float[s * s], wv = new float[s * s];
		for (int i = 0; i < xv.length; i++) { xv[i] = (float) r.nextGaussian(); wv[i] = (float) r.nextGaussian(); }
		Tensor x = new Tensor(xv, 1, 1, s, s), w = new Tensor(wv, 1, 1, s, s);
		Tensor g = model.inputGradient(x, w);
		assertArrayEquals(x.shape(), g.shape());
		double gmax = 0;
		for (float v : g.data()) gmax = Math.max(gmax, Math.abs(v));
		double h = 1e-2;
		int[][] pixels = { { 0, 0 }, { 5, 7 }, { 16, 16 }, { 31, 2 }, { 20, 29 } };
		for (int[] p : pixels) {
			int i = p[0] * s + p[1];
			float keep = xv[i];
			xv[i] = (float) (keep + h);
			double up = OnnxImporterTest.dot(model.run(x), w);
			xv[i] = (float) (keep - h);
			double down = OnnxImporterTest.dot(model.run(x), w);
			xv[i] = keep;
			double fd = (up - down) / (2 * h);
			assertEquals(fd, g.data()[i], 2e-2 * gmax, "∂L/∂x at " + p[0] + "," + p[1] + " (largest |gradient| " + gmax + ")");
		}
	}
}
