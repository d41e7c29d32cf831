package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.TestData;

/** The batch detection macro in real ImageJ 1.54p under Xvfb: the same box tables as the command line. */
class DetectionMacroIT extends WithImageJ {

	@Test
	void batchDetectionMacroWritesBoxTablesAndCounts() throws Exception {
		Path bccd = TestData.shared("bccd");
		Path in = Files.createDirectories(home.resolve("in"));
		List<String> ids = Files.readAllLines(bccd.resolve("val.txt")).stream().map(String::trim).filter(l -> !l.isEmpty()).limit(2).toList();
		for (String id : ids) Files.copy(bccd.resolve("JPEGImages/" + id + ".jpg"), in.resolve(id + ".jpg"));
		Files.writeString(in.resolve("notes.txt"), "not an image");
		Path out = home.resolve("out"), cli = home.resolve("cli");
		ImageJInstall.Run r = imagej.macro(Path.of("macros/batch_detect_cells.ijm").toAbsolutePath(), "input=[" + in + "] output=[" + out + "]", 300);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertEquals(0, sc.fiji.convnet.cli.ConvNetCli.run(new String[] { "detect", "--input", in.toString(), "--output", cli.toString() },
				System.out, System.err));
		for (String id : ids) {
			List<String> viaMacro = Files.readAllLines(out.resolve(id + "_boxes.csv"));
			assertTrue(viaMacro.size() > 5, id + ": " + r.output());
			assertEquals(Files.readAllLines(cli.resolve(id + "_boxes.csv")), viaMacro, id + ": macro and command line agree");
		}
		assertTrue(Files.readString(out.resolve("counts.csv")).contains("RBC"), "a blood count per image");
		assertFalse(Files.exists(out.resolve("notes_boxes.csv")));
	}

	/**
	 * Fiji has only the jar (ImageJ starts in a folder without models/): three Detect Objects calls unpack the shipped
	 * model once, share one ONNX Runtime session, and leave no temporary folder behind when ImageJ exits.
	 */
	@Test
	void threeDetectObjectsCallsShareOneUnpackedModelAndOneSession() throws Exception {
		Path bccd = TestData.shared("bccd");
		String id = Files.readAllLines(bccd.resolve("val.txt")).stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElseThrow();
		Path jvmTemp = Files.createDirectories(home.resolve("jvm-tmp"));
		Path macro = Files.writeString(home.resolve("detect3.ijm"), String.join("\n",
				"setBatchMode(true);",
				"open(\"" + bccd.resolve("JPEGImages/" + id + ".jpg").toAbsolutePath() + "\");",
				"for (i = 0; i < 3; i++) run(\"Detect Objects\", \"model=bccd-detector decoder=[from model] scales=1 score=0.30 iou=0.45\");",
				"print(\"detections=\" + Table.size(\"Detections\"));",
				"run(\"Diagnostics\");"));
		ImageJInstall.Run r = imagej.macro(macro, null, 300, List.of("-Djava.io.tmpdir=" + jvmTemp));
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().matches("(?s).*detections=[1-9].*"), r.output());
		assertTrue(r.output().matches("(?s).*ONNX sessions:\\s+1 open.*"), "one native session for three calls: " + r.output());
		try (var left = Files.list(jvmTemp)) {
			assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("convnet-models")).toList(),
					"the unpacked model is deleted at exit");
		}
	}

	/**
	 * The boxes Detect Objects leaves in the overlay (named "RBC 0.93"…), taken as corrected annotations, fine-tune the
	 * shipped detector and classifier (their networks come from the jar) from a macro; the new models work at once.
	 */
	@Test
	void overlayBoxesTrainADetectorAndAClassifier() throws Exception {
		Path bccd = TestData.shared("bccd");
		String id = Files.readAllLines(bccd.resolve("train.txt")).get(0).trim();
		Path detector = home.resolve("my-detector"), classifier = home.resolve("my-classifier");
		Path macro = Files.writeString(home.resolve("train-boxes.ijm"), String.join("\n",
				"open(\"" + bccd.resolve("JPEGImages/" + id + ".jpg").toAbsolutePath() + "\");",
				"run(\"Detect Objects\", \"model=bccd-detector\");",
				"print(\"boxes=\" + Overlay.size);",
				"run(\"Train Detector\", \"holdout=0 steps=2 output=[" + detector + "]\");",
				"run(\"Train Classifier\", \"holdout=0 steps=2 output=[" + classifier + "]\");",
				"run(\"Remove Overlay\");",
				"run(\"Detect Objects\", \"model=[" + detector + "]\");",
				"print(\"new boxes=\" + Overlay.size);",
				"run(\"Classify\", \"classifier=[" + classifier + "] classify=[whole image]\");",
				"print(\"classified\");"));
		ImageJInstall.Run r = imagej.macro(macro, null, 400);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("Train Detector: " + detector) && r.output().contains("Train Classifier: " + classifier), r.output());
		assertTrue(r.output().matches("(?s).*new boxes=[1-9][0-9].*"), "the fine-tuned detector finds the cells: " + r.output());
		assertTrue(r.output().contains("classified"), r.output());
		assertTrue(Files.readString(classifier.resolve("bioimageio.yaml")).contains("- background"), "a background class from the places without boxes");
	}
}
