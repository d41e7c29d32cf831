package sc.fiji.convnet.onnx.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.BatchNormFold;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.write.OnnxDim;
import sc.fiji.convnet.onnx.write.OnnxTensor;
import sc.fiji.convnet.onnx.write.OnnxWriter;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Batch normalization folded into the convolution before it ({@link BatchNormFold}, {@link OnnxImporter#forInference}):
 * on random weights and statistics the folded convolution gives what the convolution and the normalization give,
 * wrong folds (the mean, ε or the convolution's own bias left out) are told apart by the same comparison, and an
 * inference import folds only where the Conv's output is read by the normalization alone (and fuses a Relu after it).
 */
class BatchNormFoldTest {

	@TempDir Path dir;

	private static final double TOLERANCE = 1e-5;
	private static final float EPS = 0.5f; // large, so that a fold that forgets ε is caught

	private static float[] random(Random r, int n, double scale) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * scale);
		return v;
	}

	private static float[] positive(Random r, int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = 0.2f + 2 * r.nextFloat();
		return v;
	}

	/** Random statistics of a normalization of {@code c} channels: γ, β, μ, σ². */
	private static float[][] statistics(Random r, int c) {
		return new float[][] { random(r, c, 1), random(r, c, 1), random(r, c, 1), positive(r, c) };
	}

	private static Conv2d conv(Random r, boolean bias) {
		Conv2d c = new Conv2d(4, 6, 3, 2).stride(2, 1).padding(1, 0, 1, 1).groups(2).bias(bias);
		c.weight().set(random(r, (int) c.weight().size(), 0.5));
		if (bias) c.biasParameter().set(random(r, 6, 0.5));
		return c;
	}

	private static Conv2d copy(Conv2d c) {
		Conv2d d = Conv2d.fromConfig(c.config());
		d.weight().set(c.weight().value().data());
		if (c.biasParameter() != null) d.biasParameter().set(c.biasParameter().value().data());
		return d;
	}

	/** Largest |a − b| relative to max(1, max|b|). */
	private static double difference(Tensor a, Tensor b) {
		double max = 1, diff = 0;
		for (int i = 0; i < b.size(); i++) {
			max = Math.max(max, Math.abs(b.data()[i]));
			diff = Math.max(diff, Math.abs(a.data()[i] - b.data()[i]));
		}
		return diff / max;
	}

	/** The folded convolution against Conv → BatchNorm (inference statistics), on a random input. */
	private static double foldError(Conv2d conv, float[][] s, float[][] foldedWith, double foldEps) {
		Random r = new Random(7);
		BatchNorm2d bn = new BatchNorm2d(6, EPS, 0.1);
		bn.gamma().set(s[0]);
		bn.beta().set(s[1]);
		bn.runningMean().set(s[2]);
		bn.runningVar().set(s[3]);
		NetworkBuilder b = new NetworkBuilder(4);
		b.then(copy(conv));
		b.then(bn);
		Network unfolded = b.build();
		Conv2d folded = copy(conv);
		BatchNormFold.fold(folded, foldedWith[0], foldedWith[1], foldedWith[2], foldedWith[3], foldEps);
		Tensor x = new Tensor(random(r, 2 * 4 * 7 * 6, 1), 2, 4, 7, 6);
		return difference(folded.forward(x, Phase.INFERENCE), unfolded.forward(x, Phase.INFERENCE));
	}

	@Test
	void foldedConvolutionGivesConvolutionThenNormalization() {
		Random r = new Random(1);
		for (boolean bias : new boolean[] { true, false }) {
			Conv2d c = conv(r, bias);
			float[][] s = statistics(r, 6);
			double e = foldError(c, s, s, EPS);
			assertTrue(e < TOLERANCE, "bias " + bias + ": folded vs unfolded differ by " + e);
		}
	}

	@Test
	void wrongFoldsAreCaught() {
		Random r = new Random(2);
		Conv2d c = conv(r, true);
		float[][] s = statistics(r, 6);
		float[] zeros = new float[6];
		// the comparison above must see each of these mistakes
		assertTrue(foldError(c, s, new float[][] { s[0], s[1], zeros, s[3] }, EPS) > 100 * TOLERANCE, "mean left out");
		assertTrue(foldError(c, s, s, 0) > 100 * TOLERANCE, "ε left out");
		float[] std = new float[6];
		for (int i = 0; i < 6; i++) std[i] = (float) Math.sqrt(s[3][i]);
		assertTrue(foldError(c, s, new float[][] { s[0], s[1], s[2], std }, EPS) > 100 * TOLERANCE, "σ taken for σ²");
		float[] reversed = new float[6];
		for (int i = 0; i < 6; i++) reversed[i] = s[0][5 - i];
		assertTrue(foldError(c, s, new float[][] { reversed, s[1], s[2], s[3] }, EPS) > 100 * TOLERANCE, "channels mixed up");
		Conv2d noBias = copy(c);
		noBias.bias(false); // new parameters: put the weights back, drop the bias the fold must keep
		noBias.weight().set(c.weight().value().data());
		assertTrue(foldError(noBias, s, s, EPS) < TOLERANCE);
		assertTrue(difference(fold(noBias, s), fold(c, s)) > 100 * TOLERANCE, "the convolution's own bias matters");
	}

	private static Tensor fold(Conv2d c, float[][] s) {
		Conv2d f = copy(c);
		BatchNormFold.fold(f, s[0], s[1], s[2], s[3], EPS);
		return f.forward(new Tensor(random(new Random(3), 4 * 7 * 6, 1), 1, 4, 7, 6), Phase.INFERENCE);
	}

	/**
	 * Conv(groups 2, no bias) → BN → Relu, and Conv → BN whose Conv output an Add reads too: the inference import folds
	 * the first only, and gives the plain import's output and input gradient.
	 */
	@Test
	void inferenceImportFoldsOnlyWhereTheConvOutputHasNoOtherReader() throws Exception {
		Random r = new Random(4);
		OnnxWriter m = new OnnxWriter("fold").opset(13);
		m.input("x", OnnxDim.of(1, 4, 9, 8));
		m.output("y", OnnxDim.of(1, 6, 9, 8));
		m.initializer(OnnxTensor.floats("w1", random(r, 6 * 2 * 3 * 3, 0.4), 6, 2, 3, 3));
		m.initializer(OnnxTensor.floats("w2", random(r, 6 * 6, 0.4), 6, 6, 1, 1));
		m.initializer(OnnxTensor.floats("b2", random(r, 6, 0.4), 6));
		for (String bn : new String[] { "1", "2" }) {
			float[][] s = statistics(r, 6);
			String[] names = { "gamma", "beta", "mean", "var" };
			for (int i = 0; i < 4; i++) m.initializer(OnnxTensor.floats(names[i] + bn, s[i], 6));
		}
		m.node("Conv", new String[] { "x", "w1" }, new String[] { "c1" }).attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1).attr("group", 2L);
		m.node("BatchNormalization", new String[] { "c1", "gamma1", "beta1", "mean1", "var1" }, new String[] { "n1" }).attr("epsilon", EPS);
		m.node("Relu", new String[] { "n1" }, new String[] { "r1" });
		m.node("Conv", new String[] { "r1", "w2", "b2" }, new String[] { "c2" }).attrInts("kernel_shape", 1, 1);
		m.node("BatchNormalization", new String[] { "c2", "gamma2", "beta2", "mean2", "var2" }, new String[] { "n2" });
		m.node("Add", new String[] { "n2", "c2" }, new String[] { "y" });
		Path file = dir.resolve("fold.onnx");
		m.write(file);
		var model = OnnxReader.read(file);
		ImportedModel plain = OnnxImporter.fromModel(model, (int[]) null);
		ImportedModel folded = OnnxImporter.forInference(model, java.util.Map.of(), null);
		assertEquals(2, batchNorms(plain.network()));
		assertEquals(1, batchNorms(folded.network()), "the second Conv's output is also read by Add");
		assertEquals(0, folded.network().layers().stream().filter(l -> l.type().equals("ReLU")).count(), "the Relu fused into the first Conv");
		Conv2d first = (Conv2d) folded.network().layers().stream().filter(l -> l instanceof Conv2d).findFirst().orElseThrow();
		assertTrue(first.relu() && Conv2d.fromConfig(first.config()).relu(), "the fused ReLU is part of the layer's saved description");
		Tensor x = new Tensor(random(r, 4 * 9 * 8, 1), 1, 4, 9, 8), dy = new Tensor(random(r, 6 * 9 * 8, 1), 1, 6, 9, 8);
		assertTrue(difference(folded.run(x), plain.run(x)) < TOLERANCE);
		assertTrue(difference(folded.inputGradient(x, dy), plain.inputGradient(x, dy)) < TOLERANCE, "input gradients");
		// exported again, the fused ReLU is a Relu node of its own: ONNX Runtime gives the same output
		Path again = dir.resolve("again.onnx");
		sc.fiji.convnet.onnx.export.OnnxExporter.export(folded.network(), again);
		try (var s = sc.fiji.convnet.onnx.OnnxSession.open(again, 1)) {
			assertTrue(difference(s.run(x), plain.run(x)) < TOLERANCE, "the folded network exported to ONNX");
		}
	}

	private static long batchNorms(Network net) {
		return net.layers().stream().filter(l -> l instanceof BatchNorm2d).count();
	}
}
