package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/** Pictures a network makes come back as the user gave them (RGB stays RGB); filters are a readable signed montage. */
class NetworkPicturesTest {

	@TempDir Path tmp;

	@Test
	void anRgbInputGivesAnRgbPictureWithItsColoursInPlace() {
		ImagePlus rgb = new ImagePlus("cells.png", new ColorProcessor(2, 1));
		// red pixel, then blue pixel, as three channel planes in any range
		Tensor t = new Tensor(new float[] { 1f, -1f, -1f, -1f, -1f, 1f }, 1, 3, 1, 2);
		ImagePlus out = NetworkPictures.likeInput(rgb, "dream", t);
		assertEquals(ImagePlus.COLOR_RGB, out.getType());
		int[] first = out.getProcessor().getPixel(0, 0, null), second = out.getProcessor().getPixel(1, 0, null);
		assertEquals(java.util.List.of(255, 0, 0), java.util.List.of(first[0], first[1], first[2]));
		assertEquals(java.util.List.of(0, 0, 255), java.util.List.of(second[0], second[1], second[2]));
		ImagePlus grey = NetworkPictures.likeInput(new ImagePlus("grey", new FloatProcessor(2, 1)), "dream", new Tensor(new float[2], 1, 1, 1, 2));
		assertEquals(ImagePlus.GRAY32, grey.getType());
	}

	@Test
	void firstLayerFiltersAreALargeSignedMontageWithZeroWhite() throws Exception {
		Network net = UNet.builder().inChannels(3).classes(2).depth(1).baseWidth(8).seed(1).build();
		Path file = tmp.resolve("net.convnet");
		net.save(file);
		ImagePlus imp = NetworkPictures.firstLayerFilters(file.toString(), 0, 0); // zoom 0: automatic
		assertTrue(imp.getWidth() >= 300 && imp.getHeight() >= 60, imp.getWidth() + "×" + imp.getHeight());
		assertEquals(-imp.getDisplayRangeMin(), imp.getDisplayRangeMax(), 1e-9, "symmetric about 0");
		java.awt.image.IndexColorModel lut = imp.getProcessor().getLut();
		assertEquals(255, lut.getRed(128) & 0xff, "0 is white");
		assertTrue((lut.getBlue(1) & 0xff) >= 250 && (lut.getRed(1) & 0xff) <= 5 && (lut.getRed(255) & 0xff) == 255 && (lut.getBlue(255) & 0xff) == 0);
		// the gaps between tiles are NaN, drawn black (index 0), unlike a weight of 0 (white)
		assertEquals(0, (lut.getRed(0) & 0xff) + (lut.getGreen(0) & 0xff) + (lut.getBlue(0) & 0xff));
		float[] v = (float[]) imp.getProcessor().getPixels();
		int gap = java.util.stream.IntStream.range(0, v.length).filter(i -> Float.isNaN(v[i])).findFirst().orElse(-1);
		assertTrue(gap >= 0, "gaps are NaN");
		int[] rgb = imp.flatten().getPixel(gap % imp.getWidth(), gap / imp.getWidth());
		assertEquals(0, rgb[0] + rgb[1] + rgb[2], "a gap is drawn black");
	}

	/** Issue #19: class names wherever a class appears, here FGSM's probability table and Activation Maximization's title. */
	@Test
	void classesAreNamedInTablesAndTitles() throws Exception {
		java.util.List<String> names = sc.fiji.convnet.model.ModelRepository.standard().find("bccd-classifier").classes();
		assertTrue(names.size() >= 2, names.toString());
		ColorProcessor cp = new ColorProcessor(32, 32);
		java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
		for (int i = 0; i < 32 * 32; i++) cp.set(i, rng.nextInt(1 << 24));
		NetworkPictures.FgsmOutput f = NetworkPictures.fgsm(new ImagePlus("smear", cp), "bccd-classifier", 0.01, -1, "none");
		assertEquals(names.size(), f.probabilities().size());
		for (int k = 0; k < names.size(); k++) assertEquals(names.get(k), f.probabilities().getStringValue("Name", k));
		ImagePlus am = NetworkPictures.activationMaximization("bccd-classifier", 1, 32, 32, 2, 1, 1e-3, 0, 0.5, 0, null);
		assertEquals(names.get(1) + " (class 1) maximized", am.getTitle());
		assertEquals("class 4", NetworkPictures.classLabel(java.util.List.of(), 4));
	}

	/** Issue #19: FGSM and Feature Maps show their steps (lines without an ImageJ window). */
	@Test
	void fgsmAndFeatureMapsShowTheirSteps() throws Exception {
		ColorProcessor cp = new ColorProcessor(32, 32);
		java.util.List<String> lines = new java.util.ArrayList<>();
		NetworkPictures.fgsm(new ImagePlus("smear", cp), "bccd-classifier", 0.01, -1, "none", new sc.fiji.convnet.predict.LineProgress("smear", lines::add));
		assertEquals(java.util.List.of("smear: reading the model", "smear: reading the model 1/2", "smear: forward and backward pass",
				"smear: forward and backward pass 2/2"), lines);
		lines.clear();
		NetworkPictures.featureMaps(new ImagePlus("smear", cp), "bccd-classifier", "", "none", new sc.fiji.convnet.predict.LineProgress("smear", lines::add));
		assertEquals(java.util.List.of("smear: reading the model", "smear: reading the model 1/2", "smear: forward pass", "smear: forward pass 2/2"), lines);
	}
}
