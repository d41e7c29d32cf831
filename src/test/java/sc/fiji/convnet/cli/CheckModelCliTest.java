package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.onnx.write.OnnxDim;
import sc.fiji.convnet.onnx.write.OnnxTensor;
import sc.fiji.convnet.onnx.write.OnnxWriter;

/** {@code bin/convnet check-model}: exit 0 when the engine matches ONNX Runtime, 4 when it differs, 5 when it cannot import, 2 on usage errors. */
class CheckModelCliTest {

	@TempDir Path dir;
	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	private int run(String... args) {
		out.reset();
		err.reset();
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
	}

	/** Conv 'conv1' → {@code op} 'act1', 1×1×8×8 → 1×2×8×8. */
	private Path model(String name, String op) throws Exception {
		OnnxWriter m = new OnnxWriter(name).opset(13);
		m.input("x", OnnxDim.of(1, 1, 8, 8));
		m.output("y", OnnxDim.of(1, 2, 8, 8));
		m.initializer(OnnxTensor.floats("w", new float[] { 0.5f, -0.25f }, 2, 1, 1, 1));
		m.node("Conv", new String[] { "x", "w" }, new String[] { "c" }).name("conv1").attrInts("kernel_shape", 1, 1);
		m.node(op, new String[] { "c" }, new String[] { "y" }).name("act1");
		Path file = dir.resolve(name + ".onnx");
		m.write(file);
		return file;
	}

	@Test
	void theShippedModelsMatch() {
		for (String name : new String[] { "nuclei", "bccd-classifier" }) {
			assertEquals(0, run("check-model", "--model", name, "--threads", "1"), out + "\n" + err);
			String s = out.toString();
			for (String line : List.of("ONNX Runtime: loads it", "Engine: imports it", "Input 'input': shape [N, ", "axes batch, channel, y, x",
					"explanations, fine-tuning", name.equals("nuclei") ? "Tasks: segmentation" : "Tasks: classification"))
				assertTrue(s.contains(line), s);
		}
	}

	@Test
	void aDivergingImportExitsFourNamingTheNode() throws Exception {
		Path file = model("diverges", "Relu");
		try (AutoCloseable hook = OnnxImporter.perturbForTests("conv1", 1f)) {
			assertEquals(4, run("check-model", "--model", file.toString()), out + "\n" + err);
		}
		assertTrue(out.toString().contains("from node Conv 'conv1'"), out.toString());
		assertTrue(out.toString().contains("Tasks: none"), out.toString());
	}

	@Test
	void anUnsupportedOperatorExitsFiveNamingItsNodeAndOpType() throws Exception {
		assertEquals(5, run("check-model", "--model", model("floor", "Floor").toString()), out + "\n" + err);
		assertTrue(out.toString().contains("ONNX Runtime: loads it"), out.toString());
		assertTrue(out.toString().contains("Engine: cannot import it: Floor 'act1'"), out.toString());
	}

	@Test
	void aFileThatIsNotAModelIsOneLineAndExitsFive() throws Exception {
		Path bad = Files.writeString(dir.resolve("bad.onnx"), "not a protobuf");
		assertEquals(5, run("check-model", "--model", bad.toString()));
		assertEquals(1, out.toString().strip().lines().count(), out.toString());
		assertTrue(out.toString().startsWith("Check Model: " + bad + " is not a readable ONNX model"), out.toString());
		Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
		assertEquals(5, run("check-model", "--model", text.toString()));
		assertEquals(1, out.toString().strip().lines().count(), out.toString());
		assertEquals(2, run("check-model"));
		assertTrue(err.toString().contains("--model is required"), err.toString());
	}
}
