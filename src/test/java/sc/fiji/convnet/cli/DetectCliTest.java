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

import sc.fiji.convnet.TestData;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.BoxCsv;
import sc.fiji.convnet.detect.DetectionMetrics;
import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.detect.VocAnnotations;
import sc.fiji.convnet.detect.train.DetectorExport;
import sc.fiji.convnet.detect.train.GridDetectorNet;

/** detect and evaluate-detection from the command line, on two BCCD images with a small exported (untrained) grid detector. */
class DetectCliTest {

	@TempDir Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	private int run(String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
	}

	@Test
	void detectWritesTheContractAndEvaluateScoresIt() throws Exception {
		Path bccd = TestData.shared("bccd");
		Path images = Files.createDirectories(dir.resolve("images")), truth = Files.createDirectories(dir.resolve("truth"));
		for (String id : List.of("BloodImage_00001", "BloodImage_00003")) {
			Files.copy(bccd.resolve("JPEGImages/" + id + ".jpg"), images.resolve(id + ".jpg"));
			Files.copy(bccd.resolve("Annotations/" + id + ".xml"), truth.resolve(id + ".xml"));
		}
		GridLayout layout = new GridLayout(List.of("Platelets", "RBC", "WBC"), 16, 32);
		Path model = dir.resolve("model");
		DetectorExport.export(GridDetectorNet.build(layout, 8, 3), layout, 0.5, model, "test", 0, RgbImage.read(images.resolve("BloodImage_00001.jpg")));
		Path results = dir.resolve("out");
		assertEquals(0, run("detect", "--input", images.toString(), "--output", results.toString(), "--model", model.toString(), "--score", "0.2",
				"--scales", "1,1.25"), err.toString() + out);
		assertTrue(out.toString().contains("2 images with detections written"), out.toString());
		// each image's steps as lines (issue #19: no silent single-image runs)
		assertTrue(out.toString().contains("BloodImage_00001.jpg: predicting\n"), out.toString());
		assertTrue(out.toString().contains("BloodImage_00001.jpg: predicting 100 %"), out.toString());
		assertTrue(out.toString().contains("BloodImage_00001.jpg: suppressing overlaps"), out.toString());
		Path csv = results.resolve("BloodImage_00001_boxes.csv");
		assertEquals(BoxCsv.HEADER, Files.readAllLines(csv).get(0));
		for (Box b : BoxCsv.read(csv)) assertTrue(b.score() >= 0.2 && b.x() >= 0 && b.x2() <= 640.001 && b.y2() <= 480.001, b.toString());
		assertTrue(Files.readAllLines(results.resolve("counts.csv")).get(0).startsWith("image,Platelets,RBC,WBC,total"));
		out.reset();
		assertEquals(0, run("evaluate-detection", "--truth", truth.toString(), "--predictions", results.toString()), err.toString());
		DetectionMetrics m = new DetectionMetrics();
		for (String id : List.of("BloodImage_00001", "BloodImage_00003"))
			m.add(VocAnnotations.read(truth.resolve(id + ".xml")), BoxCsv.read(results.resolve(id + "_boxes.csv")));
		assertTrue(out.toString().contains(String.format(java.util.Locale.ROOT, "mAP@0.50=%.4f", m.meanAveragePrecision(0.5))), out.toString());
		// a second run keeps the outputs
		out.reset();
		assertEquals(0, run("detect", "--input", images.toString(), "--output", results.toString(), "--model", model.toString(), "--score", "0.2",
				"--scales", "1,1.25"));
		assertTrue(out.toString().contains("2 skipped"), out.toString());
		out.reset(); // other settings: the journal has the images redone
		assertEquals(0, run("detect", "--input", images.toString(), "--output", results.toString(), "--model", model.toString()));
		assertTrue(out.toString().contains("redone: the settings or the model changed"), out.toString());
	}

	@Test
	void helpAndUsageErrors() {
		assertEquals(0, run("detect", "--help"));
		for (String option : List.of("--input", "--output", "--model", "--decoder", "--scales", "--score", "--iou", "--agnostic", "--overwrite"))
			assertTrue(out.toString().contains(option), "help mentions " + option);
		assertEquals(2, run("evaluate-detection", "--bogus", "x"));
		assertTrue(err.toString().contains("unknown option --bogus"), err.toString());
		assertEquals(0, run("train-detector", "--help"));
	}
}
