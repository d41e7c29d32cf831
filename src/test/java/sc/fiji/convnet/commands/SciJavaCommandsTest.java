package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.TestData;

/** The SciJava side that Fiji shows: our commands are indexed under Plugins › ConvNet and run headless. */
class SciJavaCommandsTest {

	static Context context;
	static CommandService commands;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@Test
	void everyCommandIsUnderPluginsConvNet() {
		Set<String> menus = new TreeSet<>();
		for (CommandInfo info : commands.getCommands())
			if (info.getClassName().startsWith("sc.fiji.convnet.")) menus.add(info.getMenuPath().getMenuString());
		assertTrue(menus.contains("Plugins > ConvNet > Segment Nuclei"), menus.toString());
		assertTrue(menus.contains("Plugins > ConvNet > Batch Segment Nuclei"), menus.toString());
		assertTrue(menus.contains("Plugins > ConvNet > Evaluate Segmentation"), menus.toString());
		assertTrue(menus.contains("Plugins > ConvNet > Diagnostics"), menus.toString());
		for (String m : menus) assertTrue(m.startsWith("Plugins > ConvNet > "), m);
	}

	@Test
	void diagnosticsReportsOnnxRuntime() throws Exception {
		org.scijava.module.Module m = Run.command(commands, DiagnosticsCommand.class, true).get();
		assertTrue(((String) m.getOutput("report")).contains("ONNX Runtime 1.29"), (String) m.getOutput("report"));
	}

	/** Diagnostics names the models each task can use (the shipped ones at least). */
	@Test
	void diagnosticsListsTheModelsOfEachTask() throws Exception {
		String report = (String) Run.command(commands, DiagnosticsCommand.class, true).get().getOutput("report");
		assertTrue(report.matches("(?s).*segmentation:\\s+[^\\n]*nuclei.*"), report);
		assertTrue(report.matches("(?s).*detection:\\s+[^\\n]*bccd-detector.*"), report);
		assertTrue(report.matches("(?s).*classification:\\s+[^\\n]*bccd-classifier.*"), report);
	}

	/** The same labels as the facade gives for the same parameters. */
	@Test
	void segmentNucleiCommandMatchesTheLibraryCall() throws Exception {
		String model = TestData.bioimageioNucleiModel().toString();
		ImagePlus imp = IJ.openImage("samples/nuclei_fluo_8bit_crop.tif");
		org.scijava.module.Module m = Run.command(commands, SegmentNucleiCommand.class, true,
				Map.of("image", imp, "model", model, "display", false, "add", false)).get();
		ImagePlus labels = (ImagePlus) m.getOutput("labels");
		ImagePlus expected = sc.fiji.convnet.ConvNet.segment(imp, sc.fiji.convnet.ConvNet.segmenter(model).build()).labels();
		assertTrue(labels.getStatistics().max >= 10);
		assertEquals(expected.getStatistics().max, labels.getStatistics().max);
		assertTrue(java.util.Arrays.equals((short[]) expected.getProcessor().getPixels(), (short[]) labels.getProcessor().getPixels()));
		assertTrue(imp.getOverlay() != null && imp.getOverlay().size() == (int) labels.getStatistics().max, "outlines in the overlay");
	}

	/** Issue #19: Fiji's dialogs list the task's models (plus From file…) as ImageJ 1.x's do; a script may still give any path. */
	@Test
	void modelFieldsListTheTasksModels() throws Exception {
		org.scijava.module.ModuleService modules = context.service(org.scijava.module.ModuleService.class);
		for (var c : java.util.List.of(SegmentNucleiCommand.class, BatchSegmentNucleiCommand.class, DetectObjectsCommand.class, BatchDetectObjectsCommand.class,
				ClassifyCommand.class, GradCamCommand.class, FeatureMapsCommand.class, DeepDreamCommand.class, TopPatchesCommand.class, StyleTransferCommand.class)) {
			org.scijava.module.Module m = modules.createModule(commands.getCommand(c));
			m.initialize();
			String key = java.util.stream.Stream.of("model", "classifier", "network").filter(k -> m.getInfo().getInput(k) != null).findFirst().orElseThrow();
			java.util.List<?> choices = m.getInfo().getInput(key).getChoices();
			assertTrue(choices.contains(m.getInput(key)), c.getSimpleName() + ": the default " + m.getInput(key) + " in " + choices);
			assertEquals(sc.fiji.convnet.request.ModelChoices.FROM_FILE, choices.get(choices.size() - 1), c.getSimpleName());
		}
		// any path still reaches the run, the list notwithstanding: a missing one fails with the model's own message
		org.scijava.module.Module run = Run.command(commands, GradCamCommand.class, true, "image", IJ.createImage("x", "RGB black", 32, 32, 1), "classifier",
				"/no/such/model.onnx", "layer", "", "target", "-1", "opacity", 0.0, "normalization", "0-1").get();
		assertEquals(null, run.getOutput("saliency"));
	}
}
