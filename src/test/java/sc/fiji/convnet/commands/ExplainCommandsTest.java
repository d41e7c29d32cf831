package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.explain.TinyNets;

/** The Grad-CAM command gives what the facade gives, and its menu entry is in plugins.config. */
class ExplainCommandsTest {

	@TempDir
	Path tmp;

	@Test
	void gradCamCommandMatchesTheFacadeAndIsListedInPluginsConfig() throws Exception {
		Path model = tmp.resolve("blobs.convnet");
		TinyNets.blobDetector().save(model);
		FloatProcessor fp = new FloatProcessor(16, 16);
		for (int y = 3; y <= 5; y++) for (int x = 10; x <= 12; x++) fp.setf(x, y, 1f);
		ImagePlus imp = new ImagePlus("sq", fp);
		Context context = new Context(CommandService.class);
		try {
			CommandService commands = context.service(CommandService.class);
			ImagePlus viaCommand = (ImagePlus) Run.command(commands, GradCamCommand.class, false, "image", imp, "classifier", model.toString(), "layer", "",
					"target", "0", "opacity", 0.0, "normalization", "none").get().getOutput("saliency");
			assertNotNull(viaCommand);
			ImagePlus direct = ConvNet.gradCam(imp, model.toString(), "", 0, 0, "none");
			assertArrayEquals((float[]) direct.getProcessor().getPixels(), (float[]) viaCommand.getProcessor().getPixels());
			Object failed = Run.command(commands, GradCamCommand.class, false, "image", imp, "classifier", new File(tmp.toFile(), "missing.onnx").getPath(), "layer", "",
					"target", "0", "opacity", 0.0, "normalization", "none").get().getOutput("saliency");
			assertNull(failed, "a missing model is an error in the log, not a result");
		} finally {
			context.dispose();
		}
		String menu = GradCamCommand.class.getAnnotation(Plugin.class).menuPath();
		assertTrue(Files.readAllLines(Path.of("plugins.config")).contains("Plugins>ConvNet>Explain, \"Grad-CAM\", sc.fiji.convnet.commands.ij1.GradCamPlugin"));
		assertTrue(menu.endsWith(">Grad-CAM"), menu);
	}

	@Test
	void visualisationCommandsGiveWhatTheLibraryGives() throws Exception {
		Path blobs = tmp.resolve("blobs.convnet"), random = tmp.resolve("random.convnet");
		TinyNets.blobDetector().save(blobs);
		sc.fiji.convnet.engine.Network net = TinyNets.randomClassifier(81, 3, false);
		net.save(random);
		FloatProcessor fp = new FloatProcessor(16, 16, TinyNets.random(82, 1, 1, 16, 16).data());
		ImagePlus imp = new ImagePlus("noise", fp);
		Context context = new Context(CommandService.class);
		try {
			CommandService commands = context.service(CommandService.class);
			ImagePlus filters = (ImagePlus) Run.command(commands, FirstLayerFiltersCommand.class, false, "network", blobs.toFile(), "columns", 0, "zoom", 8).get().getOutput("result");
			assertEquals(2 * 24 + 1, filters.getWidth()); // the two 3×3 kernels side by side, zoomed ×8
			assertEquals(24, filters.getHeight());
			assertEquals(1f / 9, filters.getProcessor().getf(5, 5), 1e-7);
			assertEquals(-1f / 9, filters.getProcessor().getf(30, 5), 1e-7);

			ImagePlus maps = (ImagePlus) Run.command(commands, FeatureMapsCommand.class, false, "image", imp, "network", random.toString(), "layer", "conv2",
					"normalization", "none").get().getOutput("result");
			assertEquals(6, maps.getStackSize());
			assertEquals(8, maps.getWidth());
			sc.fiji.convnet.tensor.Tensor expected = sc.fiji.convnet.explain.NetworkViews.featureMaps(net, "conv2",
					new sc.fiji.convnet.tensor.Tensor(((float[]) fp.getPixels()).clone(), 1, 1, 16, 16));
			assertEquals(expected.get(0, 5, 3, 4), maps.getStack().getProcessor(6).getf(4, 3), 1e-6);

			var fgsm = Run.command(commands, FgsmCommand.class, false, "image", imp, "classifier", random.toFile(), "epsilon", 0.05, "target", -1, "normalization", "none").get();
			ij.measure.ResultsTable t = (ij.measure.ResultsTable) fgsm.getOutput("probabilities");
			assertEquals(3, t.size());
			ImagePlus delta = (ImagePlus) fgsm.getOutput("perturbation");
			assertEquals(0.05f, Math.abs(delta.getProcessor().getf(7, 7)), 1e-6);
			int predicted = 0;
			for (int k = 1; k < 3; k++) if (t.getValue("Before", k) > t.getValue("Before", predicted)) predicted = k;
			assertTrue(t.getValue("After", predicted) < t.getValue("Before", predicted));

			ImagePlus dream = (ImagePlus) Run.command(commands, DeepDreamCommand.class, false, "image", imp, "network", random.toString(), "layer", "relu2", "iterations", 3,
					"step", 0.02, "octaves", 2, "octave", 1.4, "smoothing", 0.5, "normalization", "none").get().getOutput("result");
			assertEquals(16, dream.getWidth());
			assertEquals(16, dream.getHeight());

			ImagePlus am = (ImagePlus) Run.command(commands, ActivationMaximizationCommand.class, false, "classifier", random.toFile(), "target", 1, "width", 16,
					"height", 16, "iterations", 5, "learning", 1.0, "l2", 1e-3, "blur", 2, "sigma", 0.5, "clip", 0.1).get().getOutput("result");
			assertEquals(16, am.getWidth());
		} finally {
			context.dispose();
		}
	}

	@Test
	void occlusionTopPatchesAndStyleTransferCommands() throws Exception {
		Path onnx = tmp.resolve("blobs.onnx"), blobs = tmp.resolve("blobs.convnet"), random = tmp.resolve("random.convnet");
		sc.fiji.convnet.onnx.export.OnnxExporter.export(TinyNets.blobDetector(), onnx);
		TinyNets.blobDetector().save(blobs);
		TinyNets.randomClassifier(83, 3, false).save(random);
		Path folder = java.nio.file.Files.createDirectories(tmp.resolve("images"));
		for (int i = 0; i < 3; i++) {
			FloatProcessor fp = new FloatProcessor(16, 16);
			if (i == 1) for (int y = 3; y <= 5; y++) for (int x = 10; x <= 12; x++) fp.setf(x, y, 1f);
			else for (int p = 0; p < 256; p++) fp.setf(p, 0.1f * (p % 3));
			ij.IJ.saveAsTiff(new ImagePlus("img" + i, fp), folder.resolve("img" + i + ".tif").toString());
		}
		Files.writeString(folder.resolve("notes.txt"), "not an image");
		ImagePlus square = ij.IJ.openImage(folder.resolve("img1.tif").toString());
		Context context = new Context(CommandService.class);
		try {
			CommandService commands = context.service(CommandService.class);
			ImagePlus occ = (ImagePlus) Run.command(commands, OcclusionCommand.class, false, "image", square, "classifier", onnx.toFile(), "patch", 4, "stride", 2,
					"batch", 5, "baseline", 0.0, "target", 0, "softmax", false, "opacity", 0.0, "normalization", "none").get().getOutput("saliency");
			ImagePlus direct = ConvNet.occlusion(square, onnx.toString(), 4, 2, 5, 0, 0, false, 0, "none", null);
			assertArrayEquals((float[]) direct.getProcessor().getPixels(), (float[]) occ.getProcessor().getPixels());

			ImagePlus top = (ImagePlus) Run.command(commands, TopPatchesCommand.class, false, "folder", folder.toFile(), "network", blobs.toString(), "layer", "relu",
					"channel", 0, "patches", 2, "size", 5, "normalization", "none").get().getOutput("result");
			assertNotNull(top);
			assertEquals(2 * 5 * 4 + 1, top.getWidth()); // two 5×5 patches zoomed ×4, one gap
			String info = (String) top.getProperty("Info");
			assertTrue(info.startsWith("img1.tif at 11,4"), info);

			ImagePlus styled = (ImagePlus) Run.command(commands, StyleTransferCommand.class, false, "image", square, "style", ij.IJ.openImage(folder.resolve("img0.tif").toString()),
					"network", random.toString(), "content", "relu2", "gram", "relu1:0.5, relu2:1", "alpha", 1.0, "beta", 100.0, "iterations", 5,
					"learning", 0.05, "start", false, "normalization", "none").get().getOutput("result");
			assertEquals(16, styled.getWidth());
			assertTrue(((String) styled.getProperty("Info")).startsWith("loss "));
		} finally {
			context.dispose();
		}
	}
}
