package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.explain.TinyNets;

/** Plugins › ConvNet › Explain in the real ImageJ 1.54p under Xvfb, called by macros with the recorder's options. */
class ExplainMacroIT {

	@TempDir
	static Path home;
	static ImageJInstall imagej;

	@BeforeAll
	static void install() throws Exception {
		imagej = ImageJInstall.create(home.resolve("ImageJ"));
	}

	@Test
	void gradCamAndEvaluateSaliencyFromAMacro() throws Exception {
		Path model = home.resolve("blobs.convnet");
		TinyNets.blobDetector().save(model);
		FloatProcessor fp = new FloatProcessor(16, 16);
		for (int y = 3; y <= 5; y++) for (int x = 10; x <= 12; x++) fp.setf(x, y, 1f);
		Path image = home.resolve("sq.tif");
		IJ.saveAsTiff(new ImagePlus("sq", fp), image.toString());
		Path maps = Files.createDirectories(home.resolve("maps")), ann = Files.createDirectories(home.resolve("ann"));
		Files.writeString(ann.resolve("sq.xml"), "<annotation><object><name>bright</name><bndbox><xmin>10</xmin><ymin>3</ymin><xmax>12</xmax><ymax>5</ymax></bndbox></object></annotation>");
		Path macro = Files.writeString(home.resolve("gradcam.ijm"), String.join("\n",
				"List.setCommands;",
				"print(\"gradcam=\" + List.get(\"Grad-CAM\"));",
				"print(\"evaluate=\" + List.get(\"Evaluate Saliency\"));",
				"open(\"" + image + "\");",
				"run(\"Grad-CAM\", \"classifier=[" + model + "] layer=[] class=0 opacity=0.5 normalization=none\");",
				"saveAs(\"Tiff\", \"" + maps.resolve("sq_saliency.tif") + "\");",
				"selectImage(\"sq.tif\");",
				"print(\"overlay=\" + Overlay.size);",
				"run(\"Evaluate Saliency\", \"annotations=[" + ann + "] maps=[" + maps + "] class=bright suffix=_saliency.tif tolerance=0\");",
				"print(\"hits=\" + getResult(\"Hits\", 0) + \" images=\" + getResult(\"Images\", 0));"));
		ImageJInstall.Run r = imagej.macro(macro, null, 180);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("gradcam=sc.fiji.convnet.commands.ij1.GradCamPlugin"), r.output());
		assertTrue(r.output().contains("evaluate=sc.fiji.convnet.commands.ij1.EvaluateSaliencyPlugin"), r.output());
		assertTrue(r.output().contains("overlay=1"), r.output());
		assertTrue(r.output().contains("hits=1 images=1"), r.output());
		ImagePlus saved = IJ.openImage(maps.resolve("sq_saliency.tif").toString());
		ImagePlus expected = ConvNet.gradCam(IJ.openImage(image.toString()), model.toString(), "", 0, 0, "none");
		float[] a = (float[]) expected.getProcessor().getPixels(), b = (float[]) saved.getProcessor().getPixels();
		assertEquals(a.length, b.length);
		for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-7);
	}
}
