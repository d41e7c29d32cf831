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
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.VocAnnotations;

/**
 * The command-line contract of train-classifier: a model folder from one subfolder of images per class that
 * {@code classify --model DIR} and {@code saliency --classifier DIR} use, and nothing overwritten.
 */
class TrainClassifierCliTest {

	@TempDir Path dir;

	@AfterEach
	void clear() { System.clearProperty("convnet.threads"); }

	private int run(ByteArrayOutputStream out, String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(out, true));
	}

	/** Up to three cells of each class of two BCCD images, each cut out (with a margin) into the folder of its class. */
	private Path classFolders() throws Exception {
		Path root = TestData.shared("bccd");
		Assumptions.assumeTrue(Files.isDirectory(root), "no " + root);
		Path classes = Files.createDirectories(dir.resolve("cells"));
		for (String id : List.of("BloodImage_00001", "BloodImage_00003")) {
			BufferedImage image = ImageIO.read(root.resolve("JPEGImages/" + id + ".jpg").toFile());
			int k = 0;
			for (Box b : VocAnnotations.read(root.resolve("Annotations/" + id + ".xml"))) {
				Path folder = Files.createDirectories(classes.resolve(b.label()));
				try (var files = Files.list(folder)) {
					if (files.count() >= 3) continue;
				}
				int x = (int) Math.max(0, b.x() - 8), y = (int) Math.max(0, b.y() - 8);
				int w = (int) Math.min(image.getWidth() - x, b.width() + 16), h = (int) Math.min(image.getHeight() - y, b.height() + 16);
				ImageIO.write(image.getSubimage(x, y, w, h), "png", folder.resolve(id + "_" + k++ + ".png").toFile());
			}
		}
		return classes;
	}

	@Test
	void fineTunedClassifierFolderClassifiesExplainsAndIsNeverOverwritten() throws Exception {
		Path cells = classFolders();
		Path model = dir.resolve("tuned");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(0, run(out, "train-classifier", "--images", cells.toString(), "--steps", "2", "--holdout", "0.3", "--output", model.toString(),
				"--threads", "2"), out.toString());
		String log = out.toString();
		assertTrue(log.contains("classes [RBC, WBC, Platelets, background], fine-tuning bccd-classifier"), log);
		assertTrue(log.matches("(?s).*no example of class \\[[^]]*background\\].*") && log.contains("(the starting network, saved)"), log);
		for (String f : List.of("model.onnx", "bioimageio.yaml", "network.net", "network.net.ckpt", "training.log", "test_input.npy"))
			assertTrue(Files.isRegularFile(model.resolve(f)), f + " in " + model);
		String yaml = Files.readString(model.resolve("bioimageio.yaml"));
		assertTrue(yaml.contains("task: classification") && yaml.contains("init: bccd-classifier") && yaml.contains("saliency_layer: conv5"), yaml);

		ByteArrayOutputStream use = new ByteArrayOutputStream();
		Path table = dir.resolve("classes.csv");
		assertEquals(0, run(use, "classify", "--input", cells.resolve("RBC").toString(), "--output", table.toString(), "--model", model.toString()),
				use.toString());
		assertEquals(4, Files.readAllLines(table).size(), "a header and one row per image");
		assertEquals(0, run(use, "saliency", "--input", cells.resolve("WBC").toString(), "--output", dir.resolve("maps").toString(), "--classifier",
				model.toString(), "--target", "WBC"), use.toString());
		try (var maps = Files.list(dir.resolve("maps"))) {
			assertTrue(maps.anyMatch(f -> f.getFileName().toString().endsWith("_saliency.tif")), use.toString());
		}

		long before = Files.getLastModifiedTime(model.resolve("model.onnx")).toMillis();
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		assertEquals(3, run(again, "train-classifier", "--images", cells.toString(), "--steps", "2", "--output", model.toString()));
		assertTrue(again.toString().contains("already exists and is not empty"), again.toString());
		assertEquals(before, Files.getLastModifiedTime(model.resolve("model.onnx")).toMillis());
	}

	/** Classes the shipped classifier does not know: refused with a hint; a new classifier learns them. */
	@Test
	void newClassesNeedANewClassifier() throws Exception {
		Path classes = dir.resolve("shapes");
		for (String shape : List.of("disc", "square"))
			for (int i = 0; i < 2; i++) {
				BufferedImage im = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
				if (shape.equals("disc")) im.getGraphics().fillOval(8 + i, 8, 24, 24);
				else im.getGraphics().fillRect(8, 8 + i, 24, 24);
				ImageIO.write(im, "png", Files.createDirectories(classes.resolve(shape)).resolve(i + ".png").toFile());
			}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(3, run(out, "train-classifier", "--images", classes.toString(), "--steps", "1", "--output", dir.resolve("refused").toString()));
		assertTrue(out.toString().contains("init=none"), out.toString());
		Files.move(classes.resolve("square"), dir.resolve("square-aside"));
		assertEquals(3, run(out, "train-classifier", "--images", classes.toString(), "--init", "none", "--steps", "1", "--output", dir.resolve("one").toString()));
		assertTrue(out.toString().contains("needs examples of two classes at least"), out.toString());
		Files.move(dir.resolve("square-aside"), classes.resolve("square"));
		out.reset();
		Path model = dir.resolve("shapes-model");
		assertEquals(0, run(out, "train-classifier", "--images", classes.toString(), "--init", "none", "--crop", "32", "--steps", "1", "--output",
				model.toString(), "--threads", "2"), out.toString());
		String yaml = Files.readString(model.resolve("bioimageio.yaml"));
		assertTrue(yaml.contains("- disc") && yaml.contains("- square") && !yaml.contains("- background") && yaml.contains("crop: 32"), yaml);
	}

	@Test
	void theTwoFormsTakeTheirOwnOptions() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(2, run(out, "train-classifier", "--images", "x", "--crop", "30"));
		assertTrue(out.toString().contains("crop 30 is not a positive multiple of 8"), out.toString());
		assertEquals(2, run(out, "train-classifier", "--images", "x", "--jitter", "3"));
		assertTrue(out.toString().contains("--jitter goes with --data"), out.toString());
		assertEquals(2, run(out, "train-classifier", "--data", "x", "--output", "y", "--background"));
		out.reset();
		assertEquals(0, run(out, "train-classifier", "--help"));
		assertTrue(out.toString().contains("--background") && out.toString().contains("--data DIR"), out.toString());
	}
}
