package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.TinyNets;
import sc.fiji.convnet.onnx.export.OnnxExporter;
import sc.fiji.convnet.predict.Progress;

/** Grad-CAM and occlusion from ImageJ images through the facade: a 32-bit map and a heat-map overlay. */
class ImageSaliencyTest {

	@TempDir
	Path tmp;

	private static ImagePlus squareImage() {
		FloatProcessor fp = new FloatProcessor(16, 16);
		for (int y = 3; y <= 5; y++) for (int x = 10; x <= 12; x++) fp.setf(x, y, 1f);
		return new ImagePlus("squares", fp);
	}

	private static int[] peak(ImagePlus map) {
		float[] v = (float[]) map.getProcessor().getPixels();
		int best = 0;
		for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
		return new int[] { best % map.getWidth(), best / map.getWidth() };
	}

	@Test
	void gradCamOfAnEngineNetworkAndOfItsOnnxExportGiveTheSameMapAndAnOverlay() throws Exception {
		Network net = TinyNets.blobDetector();
		Path engineFile = tmp.resolve("blobs.convnet"), onnxFile = tmp.resolve("blobs.onnx");
		net.save(engineFile);
		OnnxExporter.export(net, onnxFile);
		ImagePlus imp = squareImage();
		Overlay before = new Overlay(new Roi(1, 1, 2, 2));
		imp.setOverlay(before);
		ImagePlus map = ConvNet.gradCam(imp, engineFile.toString(), "", 0, 0.4, SaliencyImages.NORMALIZE_NONE);
		assertEquals(32, map.getBitDepth());
		assertEquals(16, map.getWidth());
		assertEquals("squares_gradcam_class0", map.getTitle(), "no class names in a bare network file: the class number");
		assertEquals(11, peak(map)[0]);
		assertEquals(4, peak(map)[1]);
		Overlay o = imp.getOverlay();
		assertEquals(3, o.size(), "the heat map and its label are added, the user's overlay kept");
		assertTrue(o.get(0) instanceof ImageRoi, "the heat map lies beneath the user's outlines");
		assertEquals(0.4, ((ImageRoi) o.get(0)).getOpacity(), 1e-6);
		assertEquals(before.get(0).getBounds(), o.get(1).getBounds());
		ij.gui.TextRoi label = (ij.gui.TextRoi) o.get(2);
		assertTrue(label.getText().contains("class 0") && label.getBounds().x < 4 && label.getBounds().y < 4, "label in the corner: " + label.getText());
		ConvNet.gradCam(imp, engineFile.toString(), "", 0, 0.4, SaliencyImages.NORMALIZE_NONE);
		assertEquals(3, imp.getOverlay().size(), "a second run replaces the heat map, it does not pile up");

		ImagePlus viaOnnx = ConvNet.gradCam(squareImage(), onnxFile.toString(), "", 0, 0, SaliencyImages.NORMALIZE_NONE);
		float[] a = (float[]) map.getProcessor().getPixels(), b = (float[]) viaOnnx.getProcessor().getPixels();
		for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-6);

		var e = assertThrows(java.io.IOException.class, () -> ConvNet.gradCam(squareImage(), tmp.resolve("none.onnx").toString()));
		assertTrue(e.getMessage().contains("none.onnx"), e.getMessage());
	}

	@Test
	void occlusionThroughOnnxRuntimePeaksAtTheSquare() throws Exception {
		Path onnxFile = tmp.resolve("blobs.onnx");
		OnnxExporter.export(TinyNets.blobDetector(), onnxFile);
		ImagePlus imp = squareImage();
		ImagePlus map = ConvNet.occlusion(imp, onnxFile.toString(), 4, 2, 8, 0, 0, false, 0.5, SaliencyImages.NORMALIZE_NONE, Progress.NONE);
		int[] p = peak(map);
		assertTrue(Math.abs(p[0] - 11) <= 1 && Math.abs(p[1] - 4) <= 1, p[0] + "," + p[1]);
		assertEquals(2, imp.getOverlay().size(), "the heat map and its label");
	}

	@Test
	void rgbImagesBecomeThreeChannelsAndNormalizationsDoWhatTheySay() {
		ij.process.ColorProcessor cp = new ij.process.ColorProcessor(2, 1);
		cp.set(0, 0, (10 << 16) | (20 << 8) | 30);
		cp.set(1, 0, (50 << 16) | (60 << 8) | 70);
		var t = SaliencyImages.tensor(new ImagePlus("rgb", cp), 3, SaliencyImages.NORMALIZE_NONE);
		assertEquals("[1, 3, 1, 2]", t.shapeString());
		assertEquals(20f, t.get(0, 1, 0, 0));
		assertEquals(70f, t.get(0, 2, 0, 1));
		var grey = SaliencyImages.tensor(new ImagePlus("rgb", cp), 1, SaliencyImages.NORMALIZE_UNIT);
		assertEquals(0f, grey.get(0, 0, 0, 0), 1e-6);
		assertEquals(1f, grey.get(0, 0, 0, 1), 1e-6);
		var z = SaliencyImages.tensor(new ImagePlus("rgb", cp), 1, SaliencyImages.NORMALIZE_ZSCORE);
		assertEquals(-1f, z.get(0, 0, 0, 0), 1e-6);
		assertThrows(IllegalArgumentException.class, () -> SaliencyImages.tensor(new ImagePlus("rgb", cp), 1, "bogus"));
	}

	@Test
	void folderOfImagesGivesSaliencyTiffsThatThePointingGameReads() throws Exception {
		Path model = tmp.resolve("blobs.convnet");
		TinyNets.blobDetector().save(model);
		Path in = java.nio.file.Files.createDirectories(tmp.resolve("in")), ann = java.nio.file.Files.createDirectories(tmp.resolve("ann"));
		int[][] at = { { 4, 4 }, { 11, 9 }, { 7, 13 } };
		for (int i = 0; i < at.length; i++) {
			FloatProcessor fp = new FloatProcessor(16 + 4 * i, 16); // different sizes: one import each
			for (int y = at[i][1] - 1; y <= at[i][1] + 1; y++) for (int x = at[i][0] - 1; x <= at[i][0] + 1; x++) fp.setf(x, y, 1f);
			ij.IJ.saveAsTiff(new ImagePlus("c" + i, fp), in.resolve("c" + i + ".tif").toString());
			java.nio.file.Files.writeString(ann.resolve("c" + i + ".xml"), "<annotation><object><name>bright</name><bndbox><xmin>" + (at[i][0] - 1) + "</xmin><ymin>"
					+ (at[i][1] - 1) + "</ymin><xmax>" + (at[i][0] + 1) + "</xmax><ymax>" + (at[i][1] + 1) + "</ymax></bndbox></object></annotation>");
		}
		Path out = tmp.resolve("out");
		assertEquals(3, ConvNet.gradCamFolder(in.toString(), out.toString(), model.toString(), "", 0, "none", false));
		assertEquals(0, ConvNet.gradCamFolder(in.toString(), out.toString(), model.toString(), "", 0, "none", false), "existing maps are kept");
		assertEquals(20, ij.IJ.openImage(out.resolve("c1_saliency.tif").toString()).getWidth());
		ij.measure.ResultsTable t = ConvNet.evaluateSaliency(ann.toString(), out.toString(), "bright", "_saliency.tif", 0);
		assertEquals(3, t.getValue("Hits", 0));
		assertEquals(3, t.getValue("Images", 0));

		// the command line's saliency writes the same maps
		Path viaCli = tmp.resolve("cli");
		assertEquals(0, sc.fiji.convnet.cli.ConvNetCli.run(new String[] { "saliency", "--input", in.toString(), "--output", viaCli.toString(), "--model",
				model.toString(), "--class", "0", "--normalization", "none" }, System.out, System.err));
		ImagePlus a = ij.IJ.openImage(out.resolve("c2_saliency.tif").toString()), b = ij.IJ.openImage(viaCli.resolve("c2_saliency.tif").toString());
		assertEquals(ImagePlus.GRAY32, b.getType());
		org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) a.getProcessor().getPixels(), (float[]) b.getProcessor().getPixels());
	}

	/** Issue #19: Grad-CAM shows its steps (also as lines without a window) and Esc stops it before the pass. */
	@Test
	void gradCamShowsItsStepsAndStopsOnEscape() throws Exception {
		Path engineFile = tmp.resolve("steps.convnet");
		TinyNets.blobDetector().save(engineFile);
		java.util.List<String> lines = new java.util.ArrayList<>();
		ImageSaliency.gradCam(squareImage(), engineFile.toString(), "", 0, 0, SaliencyImages.NORMALIZE_NONE, new sc.fiji.convnet.predict.LineProgress("squares", lines::add));
		assertEquals(java.util.List.of("squares: reading the model", "squares: reading the model 1/3", "squares: forward and backward pass",
				"squares: forward and backward pass 2/3", "squares: drawing", "squares: drawing 3/3"), lines);
		boolean[] esc = { false };
		Progress escAfterReading = new sc.fiji.convnet.predict.LineProgress("squares", l -> { if (l.endsWith("1/3")) esc[0] = true; }, () -> esc[0]);
		assertThrows(sc.fiji.convnet.predict.CancelledException.class,
				() -> ImageSaliency.gradCam(squareImage(), engineFile.toString(), "", 0, 0, SaliencyImages.NORMALIZE_NONE, escAfterReading));
	}
}
