package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.transform.EnsureDtype;
import sc.fiji.convnet.model.transform.ScaleLinear;
import sc.fiji.convnet.model.transform.ScaleRange;
import sc.fiji.convnet.model.transform.Sigmoid;
import sc.fiji.convnet.model.transform.ZeroMeanUnitVariance;

class BioimageioReaderTest {

	@TempDir
	Path tmp;

	@Test
	void readsFormat05() {
		ModelDescriptor d = BioimageioReader.read(TestData.require(TestData.UNET.resolve("bioimageio.yaml")));
		assertEquals("UNet 2D Nuclei Broad", d.name());
		assertEquals("0.5.4", d.formatVersion());
		assertTrue(d.weights().endsWith("weights.onnx") && Files.exists(d.weights()));
		TensorDescription in = d.input();
		assertEquals("raw", in.name());
		assertEquals(List.of("batch", "channel", "y", "x"), in.axisIds());
		assertEquals(512, in.axis("x").size());
		assertEquals(List.of("raw_intensity"), in.axis("channel").channelNames());
		assertEquals(3, in.preprocessing().size());
		assertInstanceOf(EnsureDtype.class, in.preprocessing().get(0));
		ZeroMeanUnitVariance z = (ZeroMeanUnitVariance) in.preprocessing().get(1);
		assertEquals(List.of("x", "y"), z.over());
		assertEquals(1e-6, z.eps());
		TensorDescription out = d.output();
		assertEquals("probability", out.name());
		assertEquals(32, out.axis("y").halo());
		assertEquals(32, out.axis("x").halo());
		assertEquals(0, out.axis("channel").halo());
		assertEquals("raw", out.axis("x").referenceTensor());
		assertInstanceOf(Sigmoid.class, out.postprocessing().get(0));
		assertTrue(d.testInputs().get(0).endsWith("test_input.npy"));
		assertArrayEquals(new int[] { 2, 1, 256, 384 }, d.outputShape(new int[] { 2, 1, 256, 384 }));
	}

	@Test
	void readsFormat04() {
		ModelDescriptor d = BioimageioReader.read(TestData.require(TestData.UNET.resolve("v0_4_9.bioimageio.yaml")));
		assertEquals("0.4.9", d.formatVersion());
		TensorDescription in = d.input();
		assertEquals(List.of("batch", "channel", "y", "x"), in.axisIds());
		assertEquals(List.of("y", "x"), ((ZeroMeanUnitVariance) in.preprocessing().get(0)).over());
		TensorDescription out = d.output();
		assertEquals(List.of(0, 0, 32, 32), java.util.Arrays.stream(out.halo()).boxed().toList());
		// scale 0 with offset 0.5 gives one output channel
		assertEquals(1, out.axis("channel").size());
		assertEquals(1.0, out.axis("x").scale());
		assertArrayEquals(new int[] { 1, 1, 512, 512 }, d.outputShape(new int[] { 1, 1, 512, 512 }));
	}

	@Test
	void tileSizesWithMinAndStep() throws Exception {
		Path yaml = write("tiles.yaml", """
				format_version: 0.4.10
				type: model
				name: tiles
				weights: {onnx: {source: m.onnx}}
				inputs:
				  - name: input0
				    axes: bcyx
				    data_type: float32
				    shape: {min: [1, 2, 64, 64], step: [0, 0, 16, 16]}
				    preprocessing:
				      - name: scale_range
				        kwargs: {mode: per_sample, axes: yx, min_percentile: 1, max_percentile: 99.8}
				      - name: scale_linear
				        kwargs: {gain: [2, 3], offset: 1, axes: c}
				outputs:
				  - name: output0
				    axes: bcyx
				    data_type: float32
				    shape: {reference_tensor: input0, scale: [1, 1, 0.5, 0.5], offset: [0, 0, 0, 0]}
				    halo: [0, 0, 8, 8]
				""");
		ModelDescriptor d = BioimageioReader.read(yaml);
		Axis y = d.input().axis("y");
		assertEquals(64, y.min());
		assertEquals(16, y.step());
		assertTrue(y.accepts(96) && !y.accepts(100) && !y.accepts(48));
		assertEquals(80, y.validSizeAtLeast(70));
		assertEquals(2, d.input().axis("channel").size());
		ScaleRange sr = (ScaleRange) d.input().preprocessing().get(0);
		assertEquals(99.8, sr.maxPercentile());
		ScaleLinear sl = (ScaleLinear) d.input().preprocessing().get(1);
		assertEquals("channel", sl.axis());
		assertEquals(0.5, d.output().axis("x").scale());
		assertArrayEquals(new int[] { 3, 2, 48, 40 }, d.outputShape(new int[] { 3, 2, 96, 80 }));
		assertEquals(8, d.output().axis("x").halo());
		// channels checked against the description
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> d.input().checkShape(sc.fiji.convnet.tensor.Tensor.zeros(1, 3, 64, 64)));
		assertTrue(e.getMessage().contains("channels"), e.getMessage());
	}

	@Test
	void format05SizesAndDefaults() throws Exception {
		Path yaml = write("v05.yaml", """
				format_version: 0.5.3
				type: model
				name: v05
				weights:
				  onnx: {source: w.onnx}
				inputs:
				  - id: in
				    axes:
				      - {type: batch}
				      - {type: channel, channel_names: [a, b, c]}
				      - {type: space, id: y, size: {min: 32, step: 8}}
				      - {type: space, size: {min: 32, step: 8}}
				    preprocessing:
				      - {id: fixed_zero_mean_unit_variance, kwargs: {mean: [1, 2, 3], std: [4, 5, 6], axis: channel}}
				      - {id: clip, kwargs: {min: -1, max: 1}}
				outputs:
				  - id: out
				    axes:
				      - {type: batch}
				      - {type: channel, channel_names: [p]}
				      - {type: space, id: y, size: {tensor_id: in, axis_id: y}, halo: 4}
				      - {type: space, size: {tensor_id: in, axis_id: x}, halo: 4}
				    postprocessing:
				      - {id: binarize, kwargs: {threshold: 0.5}}
				""");
		ModelDescriptor d = BioimageioReader.read(yaml);
		assertEquals(List.of("batch", "channel", "y", "x"), d.input().axisIds());
		assertEquals(3, d.input().axis("channel").size());
		assertEquals(8, d.input().axis("x").step());
		assertEquals(4, d.output().axis("x").halo());
		assertEquals("x", d.output().axis("x").referenceAxis());
		assertEquals(2, d.input().preprocessing().size());
		assertEquals(1, d.output().postprocessing().size());
	}

	@Test
	void refusesModelsWithoutOnnxWeightsNamingTheFormats() throws Exception {
		Path yaml = write("torch.yaml", """
				format_version: 0.5.3
				type: model
				name: torch only
				weights:
				  pytorch_state_dict: {source: w.pt}
				  torchscript: {source: w.ts}
				inputs: []
				outputs: []
				""");
		ModelFormatException e = assertThrows(ModelFormatException.class, () -> BioimageioReader.read(yaml));
		assertTrue(e.getMessage().contains("pytorch_state_dict") && e.getMessage().contains("torchscript")
				&& e.getMessage().contains("torch.yaml") && e.getMessage().contains("onnx"), e.getMessage());
	}

	@Test
	void unsupportedStepsAndBrokenFilesGiveMessages() throws Exception {
		Path step = write("step.yaml", """
				format_version: 0.5.3
				type: model
				weights: {onnx: {source: w.onnx}}
				inputs:
				  - id: in
				    axes: [{type: batch}, {type: space, size: 8}]
				    preprocessing: [{id: scale_mean_variance, kwargs: {reference_tensor: in}}]
				outputs:
				  - id: out
				    axes: [{type: batch}, {type: space, size: 8}]
				""");
		ModelFormatException e = assertThrows(ModelFormatException.class, () -> BioimageioReader.read(step));
		assertTrue(e.getMessage().contains("scale_mean_variance") && e.getMessage().contains("step.yaml"), e.getMessage());

		Path broken = write("broken.yaml", "format_version: 0.5.3\ninputs: [\n  - {id: x\n");
		e = assertThrows(ModelFormatException.class, () -> BioimageioReader.read(broken));
		assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());

		Path old = write("old.yaml", "format_version: 0.3.2\ntype: model\n");
		e = assertThrows(ModelFormatException.class, () -> BioimageioReader.read(old));
		assertTrue(e.getMessage().contains("0.3.2"), e.getMessage());

		Path url = write("url.yaml", "format_version: 0.5.3\ntype: model\nweights: {onnx: {source: 'https://x/y.onnx'}}\n");
		e = assertThrows(ModelFormatException.class, () -> BioimageioReader.read(url));
		assertTrue(e.getMessage().contains("no downloads"), e.getMessage());
	}

	private Path write(String name, String text) throws Exception {
		return Files.writeString(tmp.resolve(name), text);
	}
}
