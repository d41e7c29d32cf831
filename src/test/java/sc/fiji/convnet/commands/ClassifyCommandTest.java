package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.plugin.Plugin;

import ij.IJ;
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
			ResultsTable whole = (ResultsTable) Run.command(commands, ClassifyCommand.class, false, "image", imp, "classifier", model.toString(), "classify", ClassifyCommand.WHOLE,
					"top", 3, "window", 16, "stride", 8, "normalization", ImageClassification.NORMALIZE_DIVIDE_255).get().getOutput("results");
			ResultsTable direct = ConvNet.classify(imp, model.toString(), 3, ImageClassification.NORMALIZE_DIVIDE_255);
			for (int k = 1; k <= 3; k++) {
				assertEquals(direct.getStringValue("Class " + k, 0), whole.getStringValue("Class " + k, 0));
				assertEquals(direct.getValue("P " + k, 0), whole.getValue("P " + k, 0), 1e-12);
			}
			var run = Run.command(commands, ClassifyCommand.class, false, "image", imp, "classifier", model.toString(), "classify", ClassifyCommand.WINDOWS, "top", 1,
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

	/** Without a model the command uses the shipped bccd-classifier, as Grad-CAM does (a Fiji user has only the jar). */
	@Test
	void classifyAndGradCamDefaultToTheShippedClassifier() throws Exception {
		ImagePlus smear = IJ.openImage(sc.fiji.convnet.TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg").toString());
		smear.setRoi(200, 150, 96, 64);
		ImagePlus imp = smear.crop();
		Context context = new Context(CommandService.class);
		try {
			CommandService commands = context.service(CommandService.class);
			ResultsTable t = (ResultsTable) Run.command(commands, ClassifyCommand.class, false, "image", imp, "classify", ClassifyCommand.WHOLE, "top", 4, "window", 64,
					"stride", 32, "normalization", ImageClassification.NORMALIZE_DIVIDE_255).get().getOutput("results");
			assertNotNull(t, "Classify ran with its default model");
			List<String> ranked = new ArrayList<>();
			for (int k = 1; k <= 4; k++) ranked.add(t.getStringValue("Class " + k, 0));
			assertTrue(ranked.containsAll(List.of("RBC", "WBC", "Platelets", "background")), ranked.toString());
			ImagePlus map = (ImagePlus) Run.command(commands, GradCamCommand.class, false, "image", imp, "layer", "", "target", "-1", "opacity", 0.0,
					"normalization", "0-1").get().getOutput("saliency");
			assertNotNull(map, "Grad-CAM ran with its default model");
			assertEquals(96, map.getWidth());
		} finally {
			context.dispose();
		}
	}
}
