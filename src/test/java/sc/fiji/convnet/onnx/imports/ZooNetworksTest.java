package sc.fiji.convnet.onnx.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxNode;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.write.ExposedOutputs;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The four classic ImageNet networks of onnx-zoo-light (AlexNet and Inception v1 with LRN and Dropout, ResNet-50 with
 * BatchNormalization and Sum, SqueezeNet with Concat), imported into the engine and run once each on the input the
 * ONNX backend runner makes (arange(n)/n). The softmax output is compared with the stored expected output and with
 * ONNX Runtime; because the weights are constants every class gets the same score, so the logits that feed the
 * softmax (values up to 10^19) are compared with ONNX Runtime's too, which it gives out as an extra graph output.
 */
class ZooNetworksTest {

	@ParameterizedTest
	@ValueSource(strings = { "bvlc_alexnet", "inception_v1", "resnet50", "squeezenet" })
	void importedNetworkGivesTheExpectedOutputAndOrtsAnswer(String name, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		check(name, dir, false);
	}

	/** ResNet-50 (the one with BatchNormalization) imported for inference: every batch norm folded into its Conv. */
	@org.junit.jupiter.api.Test
	void resnetWithFoldedBatchNormGivesTheSameAnswers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		check("resnet50", dir, true);
	}

	private static void check(String name, Path dir, boolean fold) throws Exception {
		Path zoo = TestData.require(TestData.ZOO);
		Path file = zoo.resolve("light_" + name + ".onnx");
		OnnxModel model = OnnxReader.read(file);
		ImportedModel imported = fold ? OnnxImporter.forInference(model, Map.of(), null) : OnnxImporter.fromModel(model, (int[]) null);
		if (fold) assertEquals(0, imported.network().layers().stream().filter(l -> l.type().equals("BatchNorm2d")).count(), "batch norms left");
		int[] shape = imported.inputShape();
		float[] values = new float[(int) Tensor.sizeOf(shape)];
		for (int i = 0; i < values.length; i++) values[i] = (float) ((double) i / values.length);
		Tensor x = new Tensor(values, shape);

		Tensor[] all = forwardKeepingAll(imported.network(), x.reshape(canonical(shape)));
		Tensor y = all[all.length - 1].reshape(imported.outputShape());
		Tensor logits = all[imported.network().inputsOf(all.length - 1)[0]];
		assertEquals("Softmax", imported.network().layers().get(all.length - 2).type(), "the last layer");

		var expected = OnnxReader.readTensor(zoo.resolve("light_" + name + "_output_0.pb"));
		var vsExpected = EngineConformance.compare(y.data(), y.shape(), expected.toDoubleArray(), expected.intDims());
		assertNull(vsExpected.failure(), name + " vs output_0.pb: " + vsExpected.failure());

		String softmaxInput = softmaxInput(model);
		Path exposed = dir.resolve(name + ".onnx");
		Files.write(exposed, ExposedOutputs.expose(Files.readAllBytes(file), List.of(softmaxInput)));
		Map<String, Tensor> ort;
		try (OnnxSession s = OnnxSession.open(exposed, 1)) {
			ort = s.run(Map.of(imported.inputName(), x));
		}
		Tensor ortY = ort.get(imported.outputName()), ortLogits = ort.get(softmaxInput);
		var vsOrt = EngineConformance.compare(y.data(), y.shape(), doubles(ortY), ortY.shape());
		assertNull(vsOrt.failure(), name + " vs ONNX Runtime: " + vsOrt.failure());
		var logitsVsOrt = EngineConformance.compare(logits.data(), ortLogits.shape(), doubles(ortLogits), ortLogits.shape());
		assertNull(logitsVsOrt.failure(), name + " logits '" + softmaxInput + "' vs ONNX Runtime: " + logitsVsOrt.failure());
		assertEquals(logits.size(), ortLogits.size());
		System.out.printf("%s%s: max |diff| %.1e vs output_0.pb, %.1e vs ORT; logits (up to %.1e) %.1e vs ORT%n", name, fold ? " (BN folded)" : "", vsExpected.maxDiff(),
				vsOrt.maxDiff(), maxAbs(ortLogits), logitsVsOrt.maxDiff());
		assertTrue(maxAbs(ortLogits) > 0, "the logits are not all zero");
	}

	private static String softmaxInput(OnnxModel model) {
		List<OnnxNode> nodes = model.graph().nodes();
		OnnxNode last = nodes.get(nodes.size() - 1);
		assertEquals("Softmax", last.opType());
		return last.inputs().get(0);
	}

	/** One forward pass that keeps every node's value (the network's own forward keeps only the output). */
	static Tensor[] forwardKeepingAll(Network net, Tensor x) {
		Tensor[] v = new Tensor[net.layers().size() + 1];
		v[0] = x;
		for (int k = 1; k <= net.layers().size(); k++) {
			int[] in = net.inputsOf(k);
			Tensor[] args = new Tensor[in.length];
			for (int j = 0; j < in.length; j++) args[j] = v[in[j]];
			v[k] = net.layers().get(k - 1).forward(args, Phase.INFERENCE);
		}
		return v;
	}

	private static int[] canonical(int[] s) { return ImportGraph.canonical4d(s); }

	private static double[] doubles(Tensor t) {
		double[] d = new double[t.size()];
		for (int i = 0; i < d.length; i++) d[i] = t.data()[i];
		return d;
	}

	private static double maxAbs(Tensor t) {
		double m = 0;
		for (float f : t.data()) m = Math.max(m, Math.abs(f));
		return m;
	}
}
