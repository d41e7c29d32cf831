package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.TestData;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;

/**
 * The command-line contract of train-segmentation: a model folder that {@code segment --model DIR} uses, a model
 * installed by name that the repository lists at once, and nothing overwritten.
 */
class TrainSegmentationCliTest {

	@TempDir Path dir;

	@AfterEach
	void clear() {
		System.clearProperty(ModelRepository.INSTALLED_PROPERTY);
		System.clearProperty("convnet.threads");
	}

	private int run(ByteArrayOutputStream out, String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(out, true));
	}

	/** Three small nuclei images of the train split with their labels, linked into images/ and labels/. */
	private Path[] data() throws Exception {
		Path root = TestData.shared("nuclei-dsb2018");
		Assumptions.assumeTrue(Files.isDirectory(root), "no " + root);
		Path images = Files.createDirectories(dir.resolve("images")), labels = Files.createDirectories(dir.resolve("labels"));
		List<String> small = Files.readAllLines(root.resolve("split.csv")).stream().skip(1).map(l -> l.split(","))
				.filter(f -> f[1].equals("train") && f[2].equals("256") && f[3].equals("256")).map(f -> f[0]).limit(3).toList();
		for (String id : small) {
			Files.createSymbolicLink(images.resolve(id + ".png"), root.resolve("images/" + id + ".png").toAbsolutePath());
			Files.createSymbolicLink(labels.resolve(id + "_labels.tif"), root.resolve("labels/" + id + ".tif").toAbsolutePath());
		}
		return new Path[] { images, labels };
	}

	@Test
	void fineTunedModelFolderSegmentsAndIsNeverOverwritten() throws Exception {
		Path[] d = data();
		Path model = dir.resolve("tuned");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = run(out, "train-segmentation", "--images", d[0].toString(), "--labels", d[1].toString(), "--steps", "2", "--output", model.toString(),
				"--threads", "2");
		assertEquals(0, code, out.toString());
		String log = out.toString();
		assertTrue(log.contains("2 training and 1 validation images, fine-tuning nuclei"), log);
		assertTrue(log.contains("(the starting network, saved)"), log);
		for (String f : List.of("model.onnx", "bioimageio.yaml", "network.net", "network.net.ckpt", "training.log", "test_input.npy"))
			assertTrue(Files.isRegularFile(model.resolve(f)), f + " in " + model);
		String yaml = Files.readString(model.resolve("bioimageio.yaml"));
		assertTrue(yaml.contains("init: nuclei") && yaml.contains("diameter: 17.6"), yaml);
		assertTrue(yaml.contains("bin/convnet train-segmentation --images"), yaml);
		assertTrue(Files.readString(model.resolve("training.log")).contains("val AP@0.5"));

		// segment uses the folder
		Path labels = dir.resolve("segmented");
		ByteArrayOutputStream seg = new ByteArrayOutputStream();
		assertEquals(0, run(seg, "segment", "--input", d[0].toString(), "--output", labels.toString(), "--model", model.toString(), "--views", "1",
				"--threads", "2"), seg.toString());
		try (var files = Files.list(labels)) {
			assertEquals(3, files.filter(f -> f.getFileName().toString().endsWith("_labels.tif")).count(), seg.toString());
		}

		// a second run into the same folder is refused and changes nothing
		long before = Files.getLastModifiedTime(model.resolve("model.onnx")).toMillis();
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		assertEquals(3, run(again, "train-segmentation", "--images", d[0].toString(), "--labels", d[1].toString(), "--steps", "2", "--output",
				model.toString()));
		assertTrue(again.toString().contains("already exists and is not empty"), again.toString());
		assertEquals(before, Files.getLastModifiedTime(model.resolve("model.onnx")).toMillis());
	}

	@Test
	void modelTrainedByNameIsInstalledAndListed() throws Exception {
		Path[] d = data();
		Path installed = dir.resolve("installed");
		System.setProperty(ModelRepository.INSTALLED_PROPERTY, installed.toString());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(0, run(out, "train-segmentation", "--images", d[0].toString(), "--labels", d[1].toString(), "--steps", "1", "--name", "lab-nuclei",
				"--holdout", "0", "--threads", "2"), out.toString());
		assertTrue(out.toString().contains("no validation image"), out.toString());
		assertTrue(Files.isRegularFile(installed.resolve("lab-nuclei/model.onnx")));
		assertTrue(ModelRepository.standard().list(ModelTask.SEGMENTATION).contains("lab-nuclei"), ModelRepository.standard().list(ModelTask.SEGMENTATION).toString());
	}

	@Test
	void badOptionsAreUsageErrors() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals(2, run(out, "train-segmentation", "--images", "x"));
		assertTrue(out.toString().contains("a labels folder is needed"), out.toString());
		assertEquals(2, run(out, "train-segmentation", "--images", "x", "--labels", "y", "--holdout", "1.5"));
		assertEquals(2, run(out, "train-segmentation", "--labels", "y"));
		out.reset();
		assertEquals(0, run(out, "train-segmentation", "--help"));
		assertTrue(out.toString().contains("--valimages") && out.toString().contains("--minutes"), out.toString());
	}
}
