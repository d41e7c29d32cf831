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

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.TestData;

class ConvNetCliTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	private int run(String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
	}

	@Test
	void helpDocumentsEverySegmentOption() {
		assertEquals(0, run("segment", "--help"));
		for (String option : List.of("--input", "--output", "--model", "--file", "--channel", "--threshold", "--seed", "--diameter",
				"--minimum", "--maximum", "--tile", "--threads", "--views", "--overwrite"))
			assertTrue(out.toString().contains(option), "help mentions " + option);
	}

	@Test
	void trainingCommandsShareTheirOptionsAndCheckThem() {
		for (String command : List.of("train-nuclei", "train-detector", "train-classifier")) {
			out.reset();
			assertEquals(0, run(command, "--help"));
			for (String option : List.of("--data", "--output", "--seed", "--steps", "--minutes", "--batch", "--crop", "--width", "--lr", "--eval-every"))
				assertTrue(out.toString().contains(option), command + " help mentions " + option);
		}
		assertTrue(out.toString().contains("--jitter"), "train-classifier keeps its own options");
		err.reset();
		assertEquals(2, run("train-nuclei", "--data", "x", "--output", "y", "--crop", "100", "--depth", "3"));
		assertTrue(err.toString().contains("--crop 100 is not a multiple of 2^3"), err.toString());
		assertEquals(2, run("train-nuclei", "--data", "x", "--output", "y", "--init", "/no/such/network.net"));
		assertTrue(err.toString().contains("--init /no/such/network.net is not a file"), err.toString());
		assertEquals(2, run("train-nuclei", "--data", "x", "--output", "y", "--distance", "--distance-weight", "-1"));
		assertTrue(err.toString().contains("--distance-weight -1.0 must be a finite number ≥ 0"), err.toString());
		assertEquals(2, run("train-nuclei", "--data", "x", "--output", "y", "--distance-weight", "3"));
		assertTrue(err.toString().contains("--distance-weight needs --distance"), err.toString());
		assertEquals(2, run("train-detector", "--data", "x", "--output", "y", "--steps", "0"));
		assertTrue(err.toString().contains("--steps 0 must be positive"), err.toString());
		assertEquals(2, run("train-detector", "--data", "x", "--output", "y", "--arch", "centre", "--crop", "240"));
		assertTrue(err.toString().contains("--crop 240 is not a multiple of 32 (--arch centre)"), err.toString());
		assertEquals(2, run("train-detector", "--data", "x", "--output", "y", "--arch", "yolo"));
		assertTrue(err.toString().contains("unknown detector architecture 'yolo'"), err.toString());
		out.reset();
		assertEquals(0, run("train-detector", "--help"));
		for (String option : List.of("--arch", "--resume", "--checkpoint-every", "--input-scale"))
			assertTrue(out.toString().contains(option), "train-detector help mentions " + option);
	}

	@Test
	void usageErrorsExitWithTwoAndNameTheProblem() {
		assertEquals(2, run("segment", "--input"));
		assertTrue(err.toString().contains("--input needs a value"), err.toString());
		assertEquals(2, run("segment", "--bogus", "x"));
		assertTrue(err.toString().contains("unknown option --bogus"), err.toString());
		assertEquals(2, run("segment", "--input", "/no/such/folder", "--output", "/tmp/x"));
		assertTrue(err.toString().contains("/no/such/folder does not exist"), err.toString());
		assertEquals(2, run("frobnicate"));
		assertTrue(err.toString().contains("unknown command 'frobnicate'"));
	}

	@Test
	void unknownModelIsNamed(@TempDir Path tmp) {
		assertEquals(3, run("segment", "--input", "samples", "--output", tmp.toString(), "--model", "no-such-model"));
		assertTrue(err.toString().contains("no-such-model"), err.toString());
	}

	/**
	 * The output contract: {@code <image>_labels.tif}, {@code <image>_rois.zip}, one {@code measurements.csv};
	 * a non-image is reported and skipped; a second run keeps the outputs; nothing is written over inputs.
	 */
	@Test
	void segmentWritesTheContractAndSkipsBadFiles(@TempDir Path tmp) throws Exception {
		Path model = TestData.bioimageioNucleiModel();
		Path in = Files.createDirectories(tmp.resolve("in"));
		Files.copy(Path.of("samples/nuclei_fluo_8bit_crop.tif"), in.resolve("cells.tif"));
		Files.writeString(in.resolve("broken.tif"), "not a tiff at all");
		Path outDir = tmp.resolve("out");
		int code = run("segment", "--input", in.toString(), "--output", outDir.toString(), "--model", model.toString());
		assertEquals(1, code, "one input failed: " + out + err);
		assertTrue(out.toString().contains("broken.tif: failed: not an image"), out.toString());
		for (String step : List.of("normalising", "predicting", "decoding", "measuring")) // a single tile too shows its steps (issue #19)
			assertTrue(out.toString().contains("cells.tif: " + step + "\n"), step + " in " + out);
		ImagePlus labels = IJ.openImage(outDir.resolve("cells_labels.tif").toString());
		assertEquals(ImagePlus.GRAY16, labels.getType());
		assertEquals(300, labels.getWidth());
		assertTrue(labels.getStatistics().max >= 10, "at least 10 nuclei in the sample, got " + labels.getStatistics().max);
		assertTrue(Files.size(outDir.resolve("cells_rois.zip")) > 0);
		List<String> csv = Files.readAllLines(outDir.resolve("measurements.csv"));
		assertTrue(csv.get(0).startsWith("Image,Plane,Label,Area,X,Y"), csv.get(0));
		assertEquals((int) labels.getStatistics().max + 1, csv.size(), "one row per nucleus plus the header");
		long stamp = Files.getLastModifiedTime(outDir.resolve("cells_labels.tif")).toMillis();

		out.reset();
		run("segment", "--input", in.toString(), "--output", outDir.toString(), "--model", model.toString());
		assertTrue(out.toString().contains("cells.tif: skipped, outputs exist"), out.toString());
		assertEquals(stamp, Files.getLastModifiedTime(outDir.resolve("cells_labels.tif")).toMillis());
		assertEquals(csv, Files.readAllLines(outDir.resolve("measurements.csv")), "the table is rebuilt complete from the per-image tables");
		assertEquals("not a tiff at all", Files.readString(in.resolve("broken.tif")), "inputs untouched");
	}

	@Test
	void wrongChannelIsReportedPerFile(@TempDir Path tmp) throws Exception {
		Path model = TestData.bioimageioNucleiModel();
		int code = run("segment", "--input", "samples/nuclei_fluo_8bit_crop.tif", "--output", tmp.toString(), "--model", model.toString(),
				"--channel", "2");
		assertEquals(1, code);
		assertTrue(out.toString().contains("nuclei_fluo_8bit_crop.tif: failed: nuclei_fluo_8bit_crop.tif: channel 2 does not exist (the image has 1 channel)"),
				out.toString());
	}
}
