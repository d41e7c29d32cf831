package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.explain.train.CellClassifierNet;
import sc.fiji.convnet.ij.ImageClassification;

/** The Classify command gives the library's tables, and its IJ1 entry is in plugins.config under the same name. */
class ClassifyCommandTest {

	@Test
	void commandMatchesTheLibraryAndIsListed(@TempDir Path tmp) throws Exception {
		Path model = tmp.resolve("c.net");
		CellClassifierNet.build(4, 3, 31).save(model);
		Files.writeString(tmp.resolve("bioimageio.yaml"), "config:\n  convnet:\n    classes: [a, b, c]\n");
		SplittableRandom r = new SplittableRandom(6);
		ColorProcessor cp = new ColorProcessor(48, 40);
		for (int i = 0; i < 48 * 40; i++) cp.set(i, r.nextInt(1 << 24));
		ImagePlus imp = new ImagePlus("cells", cp);
		Context context = new Context(CommandService.class);
		try {
			CommandService commands = context.service(CommandService.class);
			ResultsTable whole = (ResultsTable) commands.run(ClassifyCommand.class, false, "image", imp, "model", model.toString(), "mode", ClassifyCommand.WHOLE,
					"k", 3, "window", 16, "stride", 8, "normalization", ImageClassification.NORMALIZE_DIVIDE_255).get().getOutput("results");
			ResultsTable direct = ConvNet.classify(imp, model.toString(), 3, ImageClassification.NORMALIZE_DIVIDE_255);
			for (int k = 1; k <= 3; k++) {
				assertEquals(direct.getStringValue("Class " + k, 0), whole.getStringValue("Class " + k, 0));
				assertEquals(direct.getValue("P " + k, 0), whole.getValue("P " + k, 0), 1e-12);
			}
			var run = commands.run(ClassifyCommand.class, false, "image", imp, "model", model.toString(), "mode", ClassifyCommand.WINDOWS, "k", 1,
					"window", 16, "stride", 8, "normalization", ImageClassification.NORMALIZE_DIVIDE_255).get();
			ImagePlus map = (ImagePlus) run.getOutput("classMap");
			assertEquals(5, map.getWidth());
			assertEquals(4, map.getHeight());
			assertEquals(20, ((ResultsTable) run.getOutput("results")).size());
		} finally {
			context.dispose();
		}
		assertTrue(ClassifyCommand.class.getAnnotation(Plugin.class).menuPath().endsWith(">Classify"));
		assertTrue(Files.readAllLines(Path.of("plugins.config")).contains("Plugins>ConvNet, \"Classify\", sc.fiji.convnet.commands.ij1.ClassifyPlugin"));
	}
}
