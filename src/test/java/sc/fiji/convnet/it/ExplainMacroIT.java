package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.TestData;
import sc.fiji.convnet.explain.TinyNets;

/** Plugins › ConvNet › Explain in the real ImageJ 1.54p under Xvfb, called by macros with the recorder's options. */
class ExplainMacroIT extends WithImageJ {

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
		assertTrue(r.output().contains("overlay=2"), "the heat map and its corner label: " + r.output());
		assertTrue(r.output().contains("hits=1 images=1"), r.output());
		ImagePlus saved = IJ.openImage(maps.resolve("sq_saliency.tif").toString());
		ImagePlus expected = ConvNet.gradCam(IJ.openImage(image.toString()), model.toString(), "", 0, 0, "none");
		float[] a = (float[]) expected.getProcessor().getPixels(), b = (float[]) saved.getProcessor().getPixels();
		assertEquals(a.length, b.length);
		for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-7);
	}

	/**
	 * Top Patches, Activation Maximization and Style Transfer through their ImageJ 1.x dialogs with the recorder's keys,
	 * every parameter away from its default: the saved images are what the library gives for the same arguments, so
	 * each key reached its parameter. A missing model ends the macro with one log line, no dialog to wait on.
	 */
	@Test
	void topPatchesActivationMaximizationAndStyleTransferFromAMacro() throws Exception {
		Path blobs = home.resolve("blobs2.convnet"), random = home.resolve("random.convnet");
		TinyNets.blobDetector().save(blobs);
		TinyNets.randomClassifier(83, 3, false).save(random);
		Path folder = Files.createDirectories(home.resolve("patches"));
		for (int i = 0; i < 3; i++) {
			FloatProcessor fp = new FloatProcessor(16, 16);
			if (i == 1) for (int y = 3; y <= 5; y++) for (int x = 10; x <= 12; x++) fp.setf(x, y, 1f);
			else for (int p = 0; p < 256; p++) fp.setf(p, 0.1f * (p % 3) + 0.01f * i);
			IJ.saveAsTiff(new ImagePlus("img" + i, fp), folder.resolve("img" + i + ".tif").toString());
		}
		Path out = Files.createDirectories(home.resolve("explained"));
		Path macro = Files.writeString(home.resolve("explain3.ijm"), String.join("\n",
				"List.setCommands;",
				"print(\"top=\" + List.get(\"Top Patches\"));",
				"print(\"am=\" + List.get(\"Activation Maximization\"));",
				"print(\"style=\" + List.get(\"Style Transfer\"));",
				"run(\"Top Patches\", \"folder=[" + folder + "] network=[" + blobs + "] layer=relu channel=0 patches=2 size=5 normalization=0-1\");",
				"print(\"title1=\" + getTitle());",
				"saveAs(\"Tiff\", \"" + out.resolve("top.tif") + "\");",
				"run(\"Activation Maximization\", \"classifier=[" + random + "] class=1 width=16 height=24 iterations=10 learning=20 l2=0.002 blur=3 sigma=0.7 clip=0.2\");",
				"print(\"title2=\" + getTitle());",
				"saveAs(\"Tiff\", \"" + out.resolve("am.tif") + "\");",
				"open(\"" + folder.resolve("img1.tif") + "\");",
				"open(\"" + folder.resolve("img0.tif") + "\");",
				"selectImage(\"img1.tif\");",
				"run(\"Style Transfer\", \"style=img0.tif network=[" + random + "] content=relu2 gram=[relu1:0.5, relu2:1] alpha=2 beta=100 smoothness=0.5 iterations=5 learning=0.1 normalization=none\");",
				"print(\"title3=\" + getTitle());",
				"saveAs(\"Tiff\", \"" + out.resolve("styled.tif") + "\");",
				"run(\"Activation Maximization\", \"classifier=[" + home.resolve("absent.convnet") + "] class=0 width=8 height=8 iterations=1\");",
				"print(\"after the error\");"));
		ImageJInstall.Run r = imagej.macro(macro, null, 180);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		String log = r.output();
		assertTrue(log.contains("top=sc.fiji.convnet.commands.ij1.TopPatchesPlugin"), log);
		assertTrue(log.contains("am=sc.fiji.convnet.commands.ij1.ActivationMaximizationPlugin"), log);
		assertTrue(log.contains("style=sc.fiji.convnet.commands.ij1.StyleTransferPlugin"), log);
		assertTrue(log.contains("title1=top 2 of relu channel 0"), log);
		assertTrue(log.contains("title2=class 1 maximized"), log);
		assertTrue(log.contains("title3=img1_styled"), log);
		assertTrue(log.contains("Activation Maximization: Model file not found: " + home.resolve("absent.convnet")), "one log line names the missing model: " + log);
		assertFalse(log.contains("after the error"), "the failed step stops the macro: " + log);

		ImagePlus top = IJ.openImage(out.resolve("top.tif").toString());
		assertEquals(2 * 5 * 4 + 1, top.getWidth(), "two 5×5 patches zoomed ×4, one gap");
		assertEquals(5 * 4, top.getHeight());
		ImagePlus expectedTop = ConvNet.topPatches(folder.toString(), blobs.toString(), "relu", 0, 2, 5, "0-1", null);
		assertSamePixels(expectedTop, top, "Top Patches");
		assertEquals(expectedTop.getProperty("Info"), top.getProperty("Info"));
		assertTrue(((String) top.getProperty("Info")).startsWith("img1.tif at 11,4"), (String) top.getProperty("Info"));

		ImagePlus am = IJ.openImage(out.resolve("am.tif").toString());
		assertEquals(16, am.getWidth());
		assertEquals(24, am.getHeight());
		assertSamePixels(ConvNet.activationMaximization(random.toString(), 1, 24, 16, 10, 20, 0.002, 3, 0.7, 0.2, null), am, "Activation Maximization");

		ImagePlus styled = IJ.openImage(out.resolve("styled.tif").toString());
		assertEquals(16, styled.getWidth());
		assertEquals(16, styled.getHeight());
		ImagePlus expectedStyle = ConvNet.styleTransfer(IJ.openImage(folder.resolve("img1.tif").toString()), IJ.openImage(folder.resolve("img0.tif").toString()),
				random.toString(), "relu2", "relu1:0.5, relu2:1", 2, 100, 0.5, 5, 0.1, false, "none", null);
		assertSamePixels(expectedStyle, styled, "Style Transfer");
	}

	/**
	 * Classify through its ImageJ 1.x dialog on two crops of a BCCD smear: the saved tables name the classes of the
	 * model's bioimageio.yaml, and the top-1 class and probability are what the library gives in this JVM.
	 */
	@Test
	void classifyMacroTablesMatchTheLibrary() throws Exception {
		Path smear = TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg");
		Path model = Path.of("models/bccd-classifier").toAbsolutePath();
		List<String> classes = classesOf(model.resolve("bioimageio.yaml"));
		assertEquals(4, classes.size(), "classes in " + model);
		Path crops = Files.createDirectories(home.resolve("crops"));
		int[][] boxes = { { 200, 150, 96, 96 }, { 400, 300, 64, 64 } };
		List<String> names = new ArrayList<>();
		StringBuilder macro = new StringBuilder("List.setCommands;\nprint(\"classify=\" + List.get(\"Classify\"));\n");
		macro.append("run(\"Set Measurements...\", \"decimal=9\");\n"); // tables keep 9 decimals, not 3
		for (int[] b : boxes) {
			ImagePlus imp = IJ.openImage(smear.toString());
			imp.setRoi(b[0], b[1], b[2], b[3]);
			String name = "crop" + b[0] + "_" + b[1] + ".png";
			new ij.io.FileSaver(imp.crop()).saveAsPng(crops.resolve(name).toString());
			names.add(name);
			macro.append("open(\"").append(crops.resolve(name)).append("\");\n");
			macro.append("run(\"Classify\", \"classifier=[").append(model).append("] classify=[whole image] top=4 window=64 stride=32 normalization=value/255\");\n");
			macro.append("Table.save(\"").append(crops.resolve(name + ".csv")).append("\", \"Classification of ").append(name).append("\");\n");
		}
		ImageJInstall.Run r = imagej.macro(Files.writeString(home.resolve("classify.ijm"), macro), null, 180);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("classify=sc.fiji.convnet.commands.ij1.ClassifyPlugin"), r.output());
		for (String name : names) {
			Path csv = crops.resolve(name + ".csv");
			assertTrue(Files.isRegularFile(csv), name + ": " + r.output());
			System.out.println(name + ": " + Files.readAllLines(csv));
			ResultsTable macroTable = ResultsTable.open(csv.toString());
			assertEquals(1, macroTable.size(), name);
			List<String> ranked = new ArrayList<>();
			for (int k = 1; k <= 4; k++) ranked.add(macroTable.getStringValue("Class " + k, 0));
			assertTrue(ranked.containsAll(classes), name + ": the top 4 of 4 are the described classes " + classes + ", got " + ranked);
			ResultsTable library = ConvNet.classify(IJ.openImage(crops.resolve(name).toString()), model.toString(), 4, "value/255");
			assertEquals(library.getStringValue("Class 1", 0), ranked.get(0), name);
			assertEquals(library.getValue("P 1", 0), macroTable.getValue("P 1", 0), 1e-4, name);
			double sum = 0;
			for (int k = 1; k <= 4; k++) sum += macroTable.getValue("P " + k, 0);
			assertEquals(1, sum, 1e-4, name + ": the probabilities of all classes");
		}
	}

	/** A user with only the jar: Classify and Grad-CAM without a classifier option use the shipped bccd-classifier. */
	@Test
	void classifyAndGradCamDefaultToTheShippedClassifier() throws Exception {
		ImagePlus smear = IJ.openImage(TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg").toString());
		smear.setRoi(200, 150, 96, 96);
		Path crop = home.resolve("default-crop.png"), csv = home.resolve("default-crop.csv");
		new ij.io.FileSaver(smear.crop()).saveAsPng(crop.toString());
		Path macro = Files.writeString(home.resolve("defaults.ijm"), String.join("\n",
				"open(\"" + crop + "\");",
				"run(\"Classify\", \"classify=[whole image] top=4 window=64 stride=32 normalization=value/255\");",
				"Table.save(\"" + csv + "\", \"Classification of default-crop.png\");",
				"selectImage(\"default-crop.png\");",
				"run(\"Grad-CAM\", \"layer=[] class=-1 opacity=0.5 normalization=[0-1]\");",
				"print(\"gradcam=\" + getTitle() + \" \" + getWidth() + \"x\" + getHeight());"));
		ImageJInstall.Run r = imagej.macro(macro, null, 180);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(Files.isRegularFile(csv), "Classify ran with its default model: " + r.output());
		List<String> ranked = new ArrayList<>();
		ResultsTable t = ResultsTable.open(csv.toString());
		for (int k = 1; k <= 4; k++) ranked.add(t.getStringValue("Class " + k, 0));
		assertTrue(ranked.containsAll(List.of("RBC", "WBC", "Platelets", "background")), ranked.toString());
		assertTrue(r.output().matches("(?s).*gradcam=default-crop_gradcam_(RBC|WBC|Platelets|background) 96x96.*"),
				"Grad-CAM ran with its default model and names the class in the title: " + r.output());
	}

	private static List<String> classesOf(Path yaml) throws Exception {
		Object root;
		try (Reader r = Files.newBufferedReader(yaml)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
		}
		Object convnet = ((Map<?, ?>) ((Map<?, ?>) root).get("config")).get("convnet");
		List<String> names = new ArrayList<>();
		for (Object o : (List<?>) ((Map<?, ?>) convnet).get("classes")) names.add(String.valueOf(o));
		return names;
	}

	private static void assertSamePixels(ImagePlus expected, ImagePlus actual, String what) {
		assertEquals(expected.getWidth(), actual.getWidth(), what);
		assertEquals(expected.getHeight(), actual.getHeight(), what);
		float[] a = (float[]) expected.getProcessor().getPixels(), b = (float[]) actual.getProcessor().getPixels();
		for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4 * Math.max(1, Math.abs(a[i])), what + " pixel " + i);
	}
}
