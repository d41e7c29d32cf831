package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.ClassNames;
import sc.fiji.convnet.explain.GradCam;
import sc.fiji.convnet.explain.train.CellClassifierNet;
import sc.fiji.convnet.ij.SaliencyImages;
import sc.fiji.convnet.model.ModelFiles;

/**
 * {@code saliency --class NAME}: the name is looked up in the class list of the bioimageio.yaml beside the
 * model, so the map equals Grad-CAM of that list position computed directly, and differs from other classes.
 */
class SaliencyClassNameTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	private int run(String... args) {
		return ConvNetCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
	}

	/** A tiny classifier with a hand-written description whose class order is not the training code's. */
	private static Path model(Path dir) throws Exception {
		Network net = CellClassifierNet.build(4, 4, 11);
		Path file = dir.resolve("tiny.net");
		net.save(file);
		Files.writeString(dir.resolve("bioimageio.yaml"), String.join("\n",
				"format_version: 0.5.3",
				"type: model",
				"config:",
				"  convnet:",
				"    task: classification",
				"    classes: [background, Platelets, WBC, RBC]",
				""));
		return file;
	}

	private static Path image(Path dir) {
		SplittableRandom rng = new SplittableRandom(5);
		ColorProcessor cp = new ColorProcessor(56, 48);
		for (int i = 0; i < 56 * 48; i++) cp.set(i, rng.nextInt(1 << 24));
		Path in = dir.resolve("in");
		in.toFile().mkdirs();
		new ij.io.FileSaver(new ImagePlus("smear", cp)).saveAsPng(in.resolve("smear.png").toString());
		return in;
	}

	private static float[] map(Path folder) {
		ImagePlus imp = IJ.openImage(folder.resolve("smear_saliency.tif").toString());
		return (float[]) imp.getProcessor().getPixels();
	}

	@Test
	void classNameResolvesToItsPositionInTheDescription(@TempDir Path tmp) throws Exception {
		Path model = model(tmp);
		assertEquals(2, ClassNames.resolve(ModelFiles.at(model), "WBC"));
		assertEquals(3, ClassNames.resolve(ModelFiles.at(model), "rbc"), "case-insensitive when unambiguous");
		assertEquals(1, ClassNames.resolve(ModelFiles.at(model), "1"));
		assertEquals(-1, ClassNames.resolve(ModelFiles.at(model), "top"));
		assertEquals(2, ConvNetCli.classIndex(ModelFiles.at(model), "WBC"));
	}

	@Test
	void saliencyWithClassNameEqualsGradCamOfThatIndex(@TempDir Path tmp) throws Exception {
		Path model = model(tmp), in = image(tmp);
		assertEquals(0, run("saliency", "--input", in.toString(), "--output", tmp.resolve("byName").toString(), "--model", model.toString(),
				"--class", "WBC"), err.toString());
		for (String step : new String[] { "reading the model", "reading the model 1/3", "forward and backward pass 2/3", "writing", "writing 3/3" })
			assertTrue(out.toString().contains("smear.png: " + step + "\n"), "each image's steps as lines (issue #19): " + out);
		assertEquals(0, run("saliency", "--input", in.toString(), "--output", tmp.resolve("other").toString(), "--model", model.toString(),
				"--class", "RBC"), err.toString());
		ImagePlus imp = IJ.openImage(in.resolve("smear.png").toString());
		Network net = Network.load(model);
		float[] direct = GradCam.of(net).classIndex(2).compute(SaliencyImages.tensor(imp, 3, SaliencyImages.NORMALIZE_UNIT)).map().values();
		float[] byName = map(tmp.resolve("byName"));
		assertArrayEquals(direct, byName, 1e-6f);
		assertFalse(Arrays.equals(byName, map(tmp.resolve("other"))), "another class gives another map");
	}

	@Test
	void unknownNamesAndMissingDescriptionsAreUsageErrors(@TempDir Path tmp) throws Exception {
		Path model = model(tmp), in = image(tmp);
		assertEquals(2, run("saliency", "--input", in.toString(), "--output", tmp.resolve("o").toString(), "--model", model.toString(), "--class", "Neutrophil"));
		assertTrue(err.toString().contains("Neutrophil") && err.toString().contains("[background, Platelets, WBC, RBC]"), err.toString());
		Path bare = Files.createDirectories(tmp.resolve("bare"));
		Path lone = Files.copy(model, bare.resolve("lone.net"));
		assertEquals(2, run("saliency", "--input", in.toString(), "--output", tmp.resolve("o2").toString(), "--model", lone.toString(), "--class", "WBC"));
		assertTrue(err.toString().contains("bioimageio.yaml"), err.toString());
	}
}
