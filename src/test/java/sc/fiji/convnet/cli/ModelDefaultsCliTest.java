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
	void classifyDefaultsToTheShippedClassifierAndMatchesTheLibrary(@TempDir Path tmp) throws Exception {
		ImagePlus smear = IJ.openImage(TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg").toString());
		Path in = Files.createDirectories(tmp.resolve("in"));
		int[][] boxes = { { 200, 150, 96, 96 }, { 400, 300, 64, 64 } };
		for (int[] b : boxes) {
			smear.setRoi(b[0], b[1], b[2], b[3]);
			new ij.io.FileSaver(smear.crop()).saveAsPng(in.resolve("crop" + b[0] + ".png").toString());
		}
		Files.writeString(in.resolve("notes.txt"), "not an image");
		Path csv = tmp.resolve("classes.csv");
		assertEquals(0, run("classify", "--input", in.toString(), "--output", csv.toString(), "--top", "2"), err.toString());
		assertTrue(out.toString().contains("notes.txt: skipped"), out.toString());
		ij.measure.ResultsTable t = ij.measure.ResultsTable.open(csv.toString());
		assertEquals(2, t.size());
		for (int i = 0; i < 2; i++) {
			ImagePlus crop = IJ.openImage(in.resolve("crop" + boxes[i][0] + ".png").toString());
			ij.measure.ResultsTable direct = sc.fiji.convnet.ConvNet.classify(crop, "bccd-classifier", 2, "value/255");
			assertEquals("crop" + boxes[i][0] + ".png", t.getStringValue("Label", i));
			assertEquals(direct.getStringValue("Class 1", 0), t.getStringValue("Class 1", i));
			assertEquals(direct.getValue("P 2", 0), t.getValue("P 2", i), 1e-6);
		}
		java.util.List<String> table = Files.readAllLines(csv);
		out.reset();
		assertEquals(0, run("classify", "--input", in.toString(), "--output", csv.toString(), "--top", "2"), "our own table is brought up to date");
		assertTrue(out.toString().contains("2 skipped"), out.toString());
		assertEquals(table, Files.readAllLines(csv), "rebuilt from the journal");
		Path foreign = Files.writeString(tmp.resolve("foreign.csv"), "someone else's table");
		assertEquals(3, run("classify", "--input", in.toString(), "--output", foreign.toString()), "a table that is not ours is kept");
	}

	@Test
	void helpTextsNameTheShippedDefaults() {
		assertEquals(0, run("saliency", "--help"));
		assertEquals(0, run("detect", "--help"));
		assertEquals(0, run("segment", "--help"));
		assertEquals(0, run("classify", "--help"));
		String help = out.toString();
		assertTrue(help.contains("--classifier PATH") && help.contains("classifier: a model name, folder, engine network file or .onnx (default: bccd-classifier)"), help);
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
