package sc.fiji.convnet.onnx.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.onnx.OnnxConformance;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.OnnxValueInfo;

/** Our reader against ONNX Runtime's view of the same files, and the published UNet. */
class OnnxReaderTest {

	@Test
	void readsTheUnet() {
		Path file = TestData.require(TestData.UNET.resolve("weights.onnx"));
		OnnxModel m = OnnxReader.read(file);
		assertEquals(20, m.opsetVersion()); // as the README and the yaml say
		OnnxGraph g = m.graph();
		assertEquals(1, g.runtimeInputs().size());
		ValueInfo in = g.runtimeInputs().get(0);
		assertEquals(DataType.FLOAT, in.elementType());
		assertArrayEquals(new long[] { 1, 1, 512, 512 }, in.dims());
		// every node input is a graph input, an initializer, a node output, or an omitted optional input ("")
		Set<String> known = new HashSet<>(g.initializers().keySet());
		g.inputs().forEach(v -> known.add(v.name()));
		known.add("");
		for (OnnxNode n : g.nodes()) {
			for (String i : n.inputs()) assertTrue(known.contains(i), n + " reads unknown value '" + i + "'");
			known.addAll(n.outputs());
		}
		for (ValueInfo o : g.outputs()) assertTrue(known.contains(o.name()));
		// conv weights are 4-d float tensors whose size matches their dims
		OnnxNode conv = g.nodes().stream().filter(n -> n.opType().equals("Conv")).findFirst().orElseThrow();
		OnnxTensor w = g.initializer(conv.inputs().get(1));
		assertNotNull(w, "conv weights are an initializer");
		assertEquals(4, w.rank());
		assertEquals(w.elementCount(), w.toFloatArray().length);
		long[] kernel = conv.getInts("kernel_shape", null);
		if (kernel != null) assertArrayEquals(new long[] { w.dims()[2], w.dims()[3] }, kernel);
	}

	@Test
	void inputsAndOutputsMatchOnnxRuntimeForEveryConformanceModel() throws Exception {
		List<Path> folders = OnnxConformance.caseFolders(TestData.require(TestData.CONFORMANCE));
		Set<String> ops = new java.util.TreeSet<>();
		for (Path f : folders) {
			Path file = f.resolve("model.onnx");
			OnnxModel m = OnnxReader.read(file);
			m.graph().nodes().forEach(n -> ops.add(n.opType()));
			OnnxSession s;
			try {
				s = OnnxSession.open(file, 1);
			} catch (RuntimeException e) {
				continue; // no ORT kernel for this old opset: covered by the conformance test
			}
			try (s) {
				assertSame(file, s.inputs(), m.graph().runtimeInputs());
				assertSame(file, s.outputs(), m.graph().outputs());
			}
		}
		System.out.println("operators in the conformance models: " + ops);
		assertTrue(ops.contains("Conv") && ops.contains("MaxPool"));
	}

	private static void assertSame(Path file, List<OnnxValueInfo> ort, List<ValueInfo> ours) {
		assertEquals(ort.size(), ours.size(), file.toString());
		for (int i = 0; i < ort.size(); i++) {
			assertEquals(ort.get(i).name(), ours.get(i).name(), file.toString());
			assertEquals(ort.get(i).elementType(), ours.get(i).elementType().onnxName(), file.toString());
			assertArrayEquals(ort.get(i).shape(), ours.get(i).dims(), file + " " + ours.get(i));
		}
	}

	@Test
	void readsTestTensors() {
		Path dir = TestData.require(TestData.CONFORMANCE.resolve("test_Conv2d/test_data_set_0"));
		OnnxTensor in = OnnxReader.readTensor(dir.resolve("input_0.pb"));
		assertEquals(DataType.FLOAT, in.dataType());
		assertEquals(4, in.rank());
		assertEquals(in.elementCount(), in.toTensor().size());
		assertFalse(in.name() == null);
	}

	@Test
	void refusesAModelFedAsATensorAndTheOtherWayRound() {
		Path dir = TestData.require(TestData.CONFORMANCE.resolve("test_Conv2d"));
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(dir.resolve("test_data_set_0/input_0.pb")));
		assertTrue(e.getMessage().contains("input_0.pb"), e.getMessage());
		assertThrows(OnnxFormatException.class, () -> OnnxReader.readTensor(dir.resolve("model.onnx")));
	}
}
