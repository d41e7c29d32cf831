package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.TestData;

/** Every command that takes a model takes {@code --model NAME|PATH} and defaults to a shipped model, as segment and detect do. */
class ModelDefaultsCliTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	private int run(String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
	}

	@Test
	void saliencyDefaultsToTheShippedClassifier(@TempDir Path tmp) throws Exception {
		ImagePlus smear = IJ.openImage(TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg").toString());
		smear.setRoi(200, 150, 96, 64);
		Path in = Files.createDirectories(tmp.resolve("in"));
		new ij.io.FileSaver(smear.crop()).saveAsPng(in.resolve("smear.png").toString());
		assertEquals(0, run("saliency", "--input", in.toString(), "--output", tmp.resolve("maps").toString(), "--class", "WBC"), err.toString());
		ImagePlus map = IJ.openImage(tmp.resolve("maps/smear_saliency.tif").toString());
		assertEquals(96, map.getWidth());
		assertEquals(64, map.getHeight());
		assertEquals(0, run("saliency", "--input", in.toString(), "--output", tmp.resolve("named").toString(), "--model", "bccd-classifier",
				"--class", "WBC"), err.toString());
		assertTrue(Files.isRegularFile(tmp.resolve("named/smear_saliency.tif")));
	}

	@Test
	void helpTextsNameTheShippedDefaults() {
		assertEquals(0, run("saliency", "--help"));
		assertEquals(0, run("detect", "--help"));
		assertEquals(0, run("segment", "--help"));
		String help = out.toString();
		assertTrue(help.contains("--model NAME|PATH      classifier: a model name, folder, engine network file or .onnx (default: bccd-classifier)"), help);
		assertTrue(help.contains("(default: bccd-detector)") && help.contains("(default: nuclei)"), help);
		assertFalse(help.contains("--model FILE"), help);
	}

	@Test
	void aMissingModelListsTheAvailableOnes(@TempDir Path tmp) throws Exception {
		Path in = Files.createDirectories(tmp.resolve("in"));
		assertEquals(3, run("saliency", "--input", in.toString(), "--output", tmp.resolve("maps").toString(), "--model", "no-such-classifier"));
		String e = err.toString().strip();
		assertTrue(e.contains("'no-such-classifier' not found") && e.contains("bccd-classifier, bccd-detector, nuclei"), e);
		assertFalse(e.contains("\n"), "one line: " + e);
	}
}
