package sc.fiji.convnet.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.model.Axis;
import sc.fiji.convnet.model.BioimageioReader;
import sc.fiji.convnet.model.ModelDescriptor;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.tensor.Npy;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.predict.OnnxPredictor;
import sc.fiji.convnet.segment.InstanceDecoder;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;
import sc.fiji.convnet.tensor.Tensor;

/** Model folders written by {@link BioimageioWriter} are read back by the project's own bioimage.io reader and run. */
class BioimageioWriterTest {

	@TempDir
	Path dir;

	@Test
	void unetFolderIsReadBackWithAxesStepsHaloProcessingAndTestTensors() throws Exception {
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(8).seed(1).build();
		Random r = new Random(9);
		OnnxExporterTest.train(net, r, 2, 3, 1, 1, 16, 16);
		Map<String, Object> convnet = new LinkedHashMap<>();
		convnet.put("task", "nuclei");
		convnet.put("classes", List.of("background", "interior", "boundary"));
		convnet.put("epochs", 2);
		Path folder = dir.resolve("nuclei");
		Path yaml = BioimageioWriter.forNetwork(net)
				.name("Nuclei U-Net").description("3-class nuclei segmentation")
				.author("A. Person", "Some Lab").license("MIT").tags("nuclei", "unet")
				.cite("Ronneberger et al. 2015, U-Net", "10.1007/978-3-319-24574-4_28")
				.outputChannelNames("background", "interior", "boundary")
				.preprocessing(ProcessingStep.scaleRange(1, 99.8))
				.postprocessing(new ProcessingStep("clip", Map.of("min", -50.0, "max", 50.0)))
				.halo(12).minSize(30)
				.config(convnet)
				.testInput(Parity.random(r, 1, 1, 24, 32))
				.export(folder);
		assertEquals(folder.resolve(BioimageioWriter.DESCRIPTOR_FILE), yaml);

		ModelDescriptor d = ModelFiles.at(folder).descriptor();
		assertEquals("Nuclei U-Net", d.name());
		assertEquals(folder.resolve("model.onnx").toAbsolutePath().normalize(), d.weights().toAbsolutePath().normalize());
		assertEquals(List.of("batch", "channel", "y", "x"), d.input().axisIds());
		assertEquals(1, d.input().axis("channel").size());
		Axis x = d.input().axis("x");
		assertEquals(net.sizeMultiple(), x.step());
		assertEquals(32, x.min()); // 30 rounded up to a multiple of 4
		assertTrue(x.accepts(36) && !x.accepts(34));
		assertEquals(List.of("background", "interior", "boundary"), d.output().axis("channel").channelNames());
		for (String id : List.of("y", "x")) {
			Axis o = d.output().axis(id);
			assertEquals(12, o.halo());
			assertEquals("input", o.referenceTensor());
			assertEquals(id, o.referenceAxis());
			assertEquals(1.0, o.scale());
		}
		assertEquals(1, d.input().preprocessing().size());
		assertEquals(1, d.output().postprocessing().size());

		// the reader's test tensors: the exported weights in ONNX Runtime reproduce the engine's test output
		assertEquals(1, d.testInputs().size());
		Tensor in = Npy.read(d.testInputs().get(0)), expected = Npy.read(d.testOutputs().get(0));
		assertArrayEquals(new int[] { 1, 3, 24, 32 }, expected.shape());
		try (OnnxSession s = OnnxSession.open(d.weights(), 1)) {
			Tensor actual = s.run(in);
			double maxDiff = 0, maxAbs = 0;
			for (int i = 0; i < expected.size(); i++) {
				maxDiff = Math.max(maxDiff, Math.abs(actual.data()[i] - expected.data()[i]));
				maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
			}
			assertTrue(maxAbs > 0 && maxDiff / maxAbs <= OnnxExporterTest.TOLERANCE, "relative difference " + maxDiff / maxAbs);
		}

		// what the reader does not model: weights format details and the free config
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(yaml));
		assertEquals("0.5.3", root.get("format_version"));
		Map<?, ?> onnx = (Map<?, ?>) ((Map<?, ?>) root.get("weights")).get("onnx");
		assertEquals(17, onnx.get("opset_version"));
		assertEquals(BioimageioWriter.sha256(folder.resolve("model.onnx")), onnx.get("sha256"));
		assertEquals(convnet, ((Map<?, ?>) root.get("config")).get("convnet"));
		assertEquals(List.of(Map.of("name", "A. Person", "affiliation", "Some Lab")), root.get("authors"));
		Map<?, ?> step = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) root.get("inputs")).get(0)).get("preprocessing")).get(0);
		assertEquals("scale_range", step.get("id"));
		assertEquals(List.of("y", "x"), ((Map<?, ?>) step.get("kwargs")).get("axes"));
		assertEquals(99.8, ((Map<?, ?>) step.get("kwargs")).get("max_percentile"));
		assertTrue(Files.exists(folder.resolve("README.md")));
	}

	/** The segmentation pipeline opens an exported folder and reads its config: output kind, softmax, diameter, halo, step. */
	@Test
	void exportedUNetOpensAsASegmentationModel() throws Exception {
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(8).seed(2).build();
		Map<String, Object> convnet = new LinkedHashMap<>();
		convnet.put("output", "background_interior_boundary");
		convnet.put("softmax", true);
		convnet.put("diameter", 14);
		Path folder = dir.resolve("seg");
		BioimageioWriter.forNetwork(net).name("seg").halo(10).preprocessing(ProcessingStep.scaleRange(1, 99.8)).config(convnet).export(folder);
		try (SegmentationModel m = SegmentationModels.load(folder.toString())) {
			assertEquals(InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY, m.outputKind());
			assertEquals(14.0, m.trainedDiameter());
			OnnxPredictor p = (OnnxPredictor) m.predictor();
			assertEquals(10, p.halo());
			assertEquals(4, p.sizeMultiple());
			Tensor x = Parity.random(new Random(1), 1, 1, 16, 20);
			Tensor expected = net.forward(x.copy()), logits = p.predict(x);
			for (int i = 0; i < expected.size(); i++) assertEquals(expected.data()[i], logits.data()[i], 1e-4 * (1 + Math.abs(expected.data()[i])));
			Tensor prob = m.postprocess(logits.copy());
			for (int i = 0; i < 16 * 20; i++)
				assertEquals(1.0, prob.data()[i] + prob.data()[i + 320] + prob.data()[i + 640], 1e-5, "softmax over the 3 channels at pixel " + i);
		}
	}

	@Test
	void strideTwoDetectorOutputIsScaledAndClassifierOutputIsFixed() throws Exception {
		Network det = OnnxExporterTest.detector();
		ModelDescriptor d = BioimageioReader.read(BioimageioWriter.forNetwork(det).halo(8).export(dir.resolve("det")));
		Axis y = d.output().axis("y");
		assertEquals(0.5, y.scale(), 1e-12); // output size = input size / 2
		assertEquals(4, y.halo());
		int[] shape = det.outputShape(1, 3, 40, 24);
		assertEquals(shape[2], (int) Math.round(40 * y.scale() + y.offset()));
		assertEquals(8, d.input().axis("y").step());
		assertEquals(8, d.input().axis("y").min());

		ModelDescriptor c = BioimageioReader.read(BioimageioWriter.forNetwork(OnnxExporterTest.classifier()).export(dir.resolve("cls")));
		assertEquals(1, c.output().axis("y").size());
		assertEquals(5, c.output().axis("channel").size());
		int min = c.input().axis("x").min();
		OnnxExporterTest.classifier().outputShape(1, 3, min, min); // the declared minimum is accepted
		assertThrows(IllegalArgumentException.class, () -> OnnxExporterTest.classifier().outputShape(1, 3, min - 1, min - 1));
	}

	@Test
	void channelNamesMustMatchTheNetwork() {
		Network net = UNet.builder().classes(3).depth(1).baseWidth(4).build();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> BioimageioWriter.forNetwork(net).outputChannelNames("a", "b").export(dir.resolve("bad")));
		assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("[a, b]"), e.getMessage());
	}
}
