package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.TestData;

/** The real ImageJ 1.54p with the built jar in plugins/ runs our macros (and recorded calls) under Xvfb. */
class MacroIT extends WithImageJ {

	@Test
	void menuEntriesExistAndDiagnosticsRuns() throws Exception {
		Path m = macro("diag.ijm", String.join("\n",
				"List.setCommands;",
				"print(\"segment=\" + List.get(\"Segment Nuclei\"));",
				"print(\"batch=\" + List.get(\"Batch Segment Nuclei\"));",
				"run(\"Diagnostics\");"));
		ImageJInstall.Run r = imagej.macro(m, null, 120);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("segment=sc.fiji.convnet.commands.ij1.SegmentNucleiPlugin"), r.output());
		assertTrue(r.output().contains("batch=sc.fiji.convnet.commands.ij1.BatchSegmentNucleiPlugin"), r.output());
		assertTrue(r.output().contains("ONNX Runtime 1.29"), "ORT natives load inside ImageJ: " + r.output());
	}

	@Test
	void checkModelReportsTheShippedClassifier() throws Exception {
		Path m = macro("check.ijm", "run(\"Check Model\", \"model=bccd-classifier\");");
		ImageJInstall.Run r = imagej.macro(m, null, 120);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("Engine: imports it"), r.output());
		assertTrue(r.output().contains("Result: the engine matches ONNX Runtime (exit 0)"), r.output());
	}

	@Test
	void batchMacroSegmentsAFolderAndSkipsNonImages() throws Exception {
		Path model = TestData.bioimageioNucleiModel().toAbsolutePath();
		Path in = Files.createDirectories(home.resolve("batch-in"));
		Files.copy(Path.of("samples/nuclei_fluo_8bit_crop.tif"), in.resolve("a.tif"));
		Files.copy(Path.of("samples/nuclei_fluo_16bit_offset.tif"), in.resolve("b.tif"));
		Files.writeString(in.resolve("notes.txt"), "not an image");
		Path out = home.resolve("batch-out");
		ImageJInstall.Run r = imagej.macro(Path.of("macros/batch_segment_nuclei.ijm").toAbsolutePath(),
				"input=[" + in + "] output=[" + out + "] model=[" + model + "]", 300);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("notes.txt: skipped"), r.output());
		for (String name : List.of("a", "b")) {
			ImagePlus labels = IJ.openImage(out.resolve(name + "_labels.tif").toString());
			assertTrue(labels != null && labels.getStatistics().max >= 10, name + ": nuclei found; log: " + r.output());
			assertTrue(Files.size(out.resolve(name + "_rois.zip")) > 0);
		}
		List<String> csv = Files.readAllLines(out.resolve("measurements.csv"));
		assertTrue(csv.size() > 20 && csv.get(0).startsWith("Image,"), "measurements.csv: " + csv.size() + " lines");
		// a second run keeps what is there
		ImageJInstall.Run again = imagej.macro(Path.of("macros/batch_segment_nuclei.ijm").toAbsolutePath(),
				"input=[" + in + "] output=[" + out + "] model=[" + model + "]", 300);
		assertTrue(again.output().contains("a.tif: skipped, outputs exist"), again.output());
	}

	/** The call the macro recorder writes for the dialog, on an opened image, with ROI Manager and table. */
	@Test
	void recordedSegmentNucleiCallGivesLabelsRoisAndTable() throws Exception {
		Path model = TestData.bioimageioNucleiModel().toAbsolutePath();
		Path out = Files.createDirectories(home.resolve("single-out"));
		ImageJInstall.Run r = imagej.macro(Path.of("macros/segment_current_image.ijm").toAbsolutePath(),
				"image=[" + Path.of("samples/nuclei_fluo_8bit_crop.tif").toAbsolutePath() + "] output=[" + out + "] model=[" + model + "]", 300);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		ImagePlus labels = IJ.openImage(out.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		int nuclei = (int) labels.getStatistics().max;
		assertTrue(nuclei >= 10, r.output());
		assertTrue(r.output().contains("Segment current image: " + nuclei + " ROIs in the ROI Manager"), r.output());
		assertEquals(nuclei + 1, Files.readAllLines(out.resolve("nuclei_fluo_8bit_crop_measurements.csv")).size());
	}

	/** Bad input from a macro: a one-line message in the log, and ImageJ does not hang on a dialog. */
	@Test
	void badInputIsReportedWithoutHanging() throws Exception {
		Path m = macro("bad.ijm", String.join("\n",
				"newImage(\"blank\", \"8-bit black\", 64, 64, 1);",
				"run(\"Segment Nuclei\", \"model=[no-such-model] channel=1 threshold=0.5 seed=0.6 diameter=0 minimum=15 maximum=0 tile=512\");",
				"print(\"not reached\");"));
		ImageJInstall.Run r = imagej.macro(m, null, 120);
		assertFalse(r.timedOut(), "ImageJ hung on an error dialog: " + r.output());
		assertTrue(r.output().contains("Segment Nuclei: blank: model 'no-such-model' not found"), r.output());
		assertFalse(r.output().contains("not reached"), "the macro stops at the error");
	}

	/** Outlines in an image's overlay train a model from a macro; the new model segments at once by its folder. */
	@Test
	void macroTrainsFromOverlayRoisAndTheModelSegments() throws Exception {
		Path image = Path.of("samples/nuclei_fluo_8bit_crop.tif").toAbsolutePath();
		Path model = home.resolve("overlay-model");
		Path m = macro("train.ijm", String.join("\n",
				"open(\"" + image + "\");",
				"run(\"Segment Nuclei\", \"model=nuclei views=1 add\");", // outlines to correct, here taken as they are
				"n = roiManager(\"count\");",
				"run(\"From ROI Manager\");",
				"roiManager(\"reset\");",
				"run(\"Train Segmentation Model\", \"holdout=0 init=nuclei steps=2 output=[" + model + "]\");",
				"print(\"overlay rois=\" + n);",
				"run(\"Segment Nuclei\", \"model=[" + model + "] views=1\");",
				"print(\"labels max=\" + getValue(\"Max\"));"));
		ImageJInstall.Run r = imagej.macro(m, null, 400);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("Train Segmentation Model: " + model), r.output());
		assertTrue(Files.isRegularFile(model.resolve("model.onnx")), r.output());
		assertTrue(r.output().matches("(?s).*labels max=([1-9][0-9]+).*"), "the trained model finds nuclei: " + r.output());
	}
}
