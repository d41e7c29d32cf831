package sc.fiji.convnet.onnx.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.onnx.write.OnnxDim;
import sc.fiji.convnet.onnx.write.OnnxTensor;
import sc.fiji.convnet.onnx.write.OnnxWriter;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The self-check of an import: a good model passes, a model whose engine import is made to differ at one node (the
 * importer's test hook adds an offset after it) is refused by {@link ModelFiles#network} with a message naming that
 * node, and the check runs ONNX Runtime once per model file.
 */
class ImportCheckTest {

	@TempDir Path dir;

	/** Conv 'conv1' → Relu 'relu1' → Conv 'conv2' → Sigmoid 'out', 1×2×H×W → 1×3×H×W, free H and W. */
	private Path model(String name, long seed) throws Exception {
		Random r = new Random(seed);
		float[] w1 = new float[4 * 2 * 9], w2 = new float[3 * 4 * 9];
		for (int i = 0; i < w1.length; i++) w1[i] = (float) r.nextGaussian() * 0.4f;
		for (int i = 0; i < w2.length; i++) w2[i] = (float) r.nextGaussian() * 0.4f;
		OnnxWriter m = new OnnxWriter(name).opset(13);
		m.input("x", OnnxDim.of(1), OnnxDim.of(2), OnnxDim.param("h"), OnnxDim.param("w"));
		m.output("y", OnnxDim.of(1), OnnxDim.of(3), OnnxDim.param("h"), OnnxDim.param("w"));
		m.initializer(OnnxTensor.floats("w1", w1, 4, 2, 3, 3));
		m.initializer(OnnxTensor.floats("w2", w2, 3, 4, 3, 3));
		m.node("Conv", new String[] { "x", "w1" }, new String[] { "c1" }).name("conv1").attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1);
		m.node("Relu", new String[] { "c1" }, new String[] { "r1" }).name("relu1");
		m.node("Conv", new String[] { "r1", "w2" }, new String[] { "c2" }).name("conv2").attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1);
		m.node("Sigmoid", new String[] { "c2" }, new String[] { "y" }).name("out");
		Path file = dir.resolve(name + ".onnx");
		m.write(file);
		return file;
	}

	@Test
	void aGoodModelPassesAndIsImported() throws Exception {
		Path file = model("good", 1);
		ModelFiles m = ModelFiles.at(file);
		ImportCheck.Result r = m.checkImport();
		assertEquals(ImportCheck.Status.MATCHES, r.status(), r.message());
		assertTrue(r.maxAbsDiff() < 1e-4, r.message());
		assertNull(r.node());
		assertEquals(ImportCheck.sha256(file), r.sha256());
		assertTrue(m.network(16, 16) instanceof Network);
		assertTrue(m.checkInput(sc.fiji.convnet.onnx.read.OnnxReader.read(file)).source().contains("[1, 2, 64, 64]"),
				"free spatial axes are checked at 64");
	}

	@Test
	void aDivergingImportIsRefusedNamingTheFirstDivergingNode() throws Exception {
		Path file = model("diverging", 2);
		ImportCheck.Result r;
		try (AutoCloseable perturbed = OnnxImporter.perturbForTests("relu1", 0.5f)) {
			r = ModelFiles.at(file).checkImport();
		}
		assertEquals(ImportCheck.Status.DIFFERS, r.status(), r.message());
		assertEquals("Relu 'relu1'", r.node(), r.message());
		assertTrue(r.message().contains("from node Relu 'relu1'"), r.message());
		assertFalse(r.message().contains("\n"), "one line");
		// the refusal is remembered for the file: no engine network is ever made from it (explanations, fine-tuning)
		ImportCheck.Refused e = assertThrows(ImportCheck.Refused.class, () -> ModelFiles.at(file).network(16, 16));
		assertTrue(e.getMessage().startsWith("model diverging: refused, the engine differs from ONNX Runtime from node Relu 'relu1'"), e.getMessage());
		assertSame(r, e.result());
	}

	@Test
	void theCheckRunsOncePerModelFile() throws Exception {
		Path file = model("cached", 3);
		int before = ImportCheck.ortRuns();
		ModelFiles.at(file).network(8, 8);
		ModelFiles.at(file).network(24, 16);
		ModelFiles.at(file).checkImport();
		assertEquals(1, ImportCheck.ortRuns() - before, "one ONNX Runtime pass for three imports of the same file");
		assertEquals(ImportCheck.Status.MATCHES, ImportCheck.cached(file).status());
	}

	@Test
	void toleranceIsRelativeToTheOutputScale() {
		Tensor ort = new Tensor(new float[] { 1e6f, 0f }, 1, 2);
		assertNull(ImportCheck.compare(new Tensor(new float[] { 1e6f, 50f }, 1, 2), ort).failure(), "50 ≤ 1e-4·1e6");
		assertTrue(ImportCheck.compare(new Tensor(new float[] { 1e6f, 150f }, 1, 2), ort).failure() != null);
		assertTrue(ImportCheck.compare(new Tensor(new float[] { 0.5f, 2e-4f }, 1, 2), new Tensor(new float[] { 0.5f, 0f }, 1, 2)).failure() != null);
	}
}
