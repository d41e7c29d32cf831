package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
			ImagePlus viaCommand = (ImagePlus) commands.run(GradCamCommand.class, false, "image", imp, "model", model.toFile(), "layer", "",
					"classIndex", 0, "opacity", 0.0, "normalization", "none").get().getOutput("saliency");
			assertNotNull(viaCommand);
			ImagePlus direct = ConvNet.gradCam(imp, model.toString(), "", 0, 0, "none");
			assertArrayEquals((float[]) direct.getProcessor().getPixels(), (float[]) viaCommand.getProcessor().getPixels());
			Object failed = commands.run(GradCamCommand.class, false, "image", imp, "model", new File(tmp.toFile(), "missing.onnx"), "layer", "",
					"classIndex", 0, "opacity", 0.0, "normalization", "none").get().getOutput("saliency");
			assertNull(failed, "a missing model is an error in the log, not a result");
		} finally {
			context.dispose();
		}
		String menu = GradCamCommand.class.getAnnotation(Plugin.class).menuPath();
		assertTrue(Files.readAllLines(Path.of("plugins.config")).contains("Plugins>ConvNet>Explain, \"Grad-CAM\", sc.fiji.convnet.commands.ij1.GradCamPlugin"));
		assertTrue(menu.endsWith(">Grad-CAM"), menu);
	}
}
