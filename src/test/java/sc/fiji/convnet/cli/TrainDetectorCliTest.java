package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.TestData;

/**
 * The command-line contract of train-detector: a model folder (fine-tuned from the shipped detector, or new) that
 * {@code detect --model DIR} uses, and nothing overwritten.
 */
class TrainDetectorCliTest {

	@TempDir Path dir;

	@AfterEach
	void clear() { System.clearProperty("convnet.threads"); }

	private int run(ByteArrayOutputStream out, String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(out, true));
	}

	/** Three BCCD training images and their VOC files, linked into images/ and annotations/. */
	private Path[] bccd() throws Exception {
		Path root = TestData.shared("bccd");
		Assumptions.assumeTrue(Files.isDirectory(root), "no " + root);
		Path images = Files.createDirectories(dir.resolve("images")), annotations = Files.createDirectories(dir.resolve("annotations"));
		for (String id : Files.readAllLines(root.resolve("train.txt")).subList(0, 3)) {
			Files.createSymbolicLink(images.resolve(id + ".jpg"), root.resolve("JPEGImages/" + id + ".jpg").toAbsolutePath());
			Files.createSymbolicLink(annotations.resolve(id + ".xml"), root.resolve("Annotations/" + id + ".xml").toAbsolutePath());
		}
		return new Path[] { images, annotations };
	}

	@Test
	void fineTunedDetectorFolderDetectsAndIsNeverOverwritten() throws Exception {
		Path[] d = bccd();
		Path model = dir.resolve("tuned");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(0, run(out, "train-detector", "--images", d[0].toString(), "--annotations", d[1].toString(), "--steps", "2", "--output",
				model.toString(), "--threads", "2"), out.toString());
		String log = out.toString();
		assertTrue(log.contains("2 training and 1 validation images, classes [Platelets, RBC, WBC], fine-tuning bccd-detector"), log);
		assertTrue(log.contains("(the starting network, saved)") && log.contains("val mAP@0.5"), log);
		for (String f : List.of("model.onnx", "bioimageio.yaml", "network.net", "network.net.ckpt", "training.log", "test_input.npy"))
			assertTrue(Files.isRegularFile(model.resolve(f)), f + " in " + model);
		String yaml = Files.readString(model.resolve("bioimageio.yaml"));
		assertTrue(yaml.contains("decoder: centre") && yaml.contains("init: bccd-detector") && yaml.contains("input_scale: 0.75"), yaml);
		assertTrue(yaml.contains("bin/convnet train-detector --images"), yaml);

		Path boxes = dir.resolve("detected");
		ByteArrayOutputStream det = new ByteArrayOutputStream();
		assertEquals(0, run(det, "detect", "--input", d[0].toString(), "--output", boxes.toString(), "--model", model.toString(), "--threads", "2"),
				det.toString());
		List<String> counts = Files.readAllLines(boxes.resolve("counts.csv"));
		assertEquals("image,Platelets,RBC,WBC,total", counts.get(0));
		assertTrue(Integer.parseInt(counts.get(counts.size() - 1).split(",")[2]) >= 20, "the fine-tuned detector still finds red cells: " + counts);

		long before = Files.getLastModifiedTime(model.resolve("model.onnx")).toMillis();
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		assertEquals(3, run(again, "train-detector", "--images", d[0].toString(), "--annotations", d[1].toString(), "--steps", "2", "--output",
				model.toString()));
		assertTrue(again.toString().contains("already exists and is not empty"), again.toString());
		assertEquals(before, Files.getLastModifiedTime(model.resolve("model.onnx")).toMillis());
	}

	/** Classes the shipped detector does not know: refused with a hint; a new grid detector learns them. */
	@Test
	void newClassesNeedANewDetector() throws Exception {
		Path images = Files.createDirectories(dir.resolve("img")), annotations = Files.createDirectories(dir.resolve("xml"));
		for (String id : List.of("a", "b")) {
			BufferedImage im = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
			im.getGraphics().fillOval(20, 10, 24, 24);
			ImageIO.write(im, "png", images.resolve(id + ".png").toFile());
			Files.writeString(annotations.resolve(id + ".xml"), "<annotation><object><name>spot</name><bndbox><xmin>20</xmin><ymin>10</ymin>"
					+ "<xmax>44</xmax><ymax>34</ymax></bndbox></object></annotation>");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(3, run(out, "train-detector", "--images", images.toString(), "--annotations", annotations.toString(), "--steps", "1", "--output",
				dir.resolve("refused").toString()));
		assertTrue(out.toString().contains("[spot] are not all among the classes") && out.toString().contains("init=none"), out.toString());
		assertTrue(!Files.exists(dir.resolve("refused")), "nothing written when the run cannot start");
		Path model = dir.resolve("spots");
		out.reset();
		assertEquals(0, run(out, "train-detector", "--images", images.toString(), "--annotations", annotations.toString(), "--init", "none", "--arch",
				"grid", "--scale", "1", "--steps", "1", "--output", model.toString(), "--threads", "2"), out.toString());
		assertTrue(out.toString().contains("a new grid detector"), out.toString());
		String yaml = Files.readString(model.resolve("bioimageio.yaml"));
		assertTrue(yaml.contains("decoder: grid") && yaml.contains("- spot") && yaml.contains("input_scale: 1.0"), yaml);
	}

	@Test
	void theTwoFormsTakeTheirOwnOptions() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(2, run(out, "train-detector", "--images", "x"));
		assertTrue(out.toString().contains("an annotations folder is needed"), out.toString());
		assertEquals(2, run(out, "train-detector", "--images", "x", "--annotations", "y", "--batch", "4"));
		assertTrue(out.toString().contains("--batch goes with --data"), out.toString());
		assertEquals(2, run(out, "train-detector", "--data", "x", "--output", "y", "--init", "none"));
		assertTrue(out.toString().contains("--init none is not a network file"), out.toString()); // the data-set form starts from a network file
		assertEquals(2, run(out, "train-detector", "--images", "x", "--annotations", "y", "--arch", "yolo"));
		out.reset();
		assertEquals(0, run(out, "train-detector", "--help"));
		assertTrue(out.toString().contains("--annotations") && out.toString().contains("--valannotations") && out.toString().contains("--data DIR"),
				out.toString());
	}
}
