package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.Nodes;
import sc.fiji.convnet.explain.TinyNets;

/**
 * Issue #19: the layer fields of the SciJava explain commands list the layers of the chosen network, the last
 * convolution preselected, and follow the model field; a layer named by a macro still runs, an unknown one fails
 * with one line naming it and the valid layers.
 */
class LayerFieldsTest {

	@TempDir
	static Path tmp;

	static Context context;
	static CommandService commands;
	static Path classifier, blobs;
	static Network classifierNet, blobsNet;
	static final List<String> errors = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		classifierNet = TinyNets.randomClassifier(91, 3, false);
		classifier = tmp.resolve("classifier.convnet");
		classifierNet.save(classifier);
		blobsNet = TinyNets.blobDetector();
		blobs = tmp.resolve("blobs.convnet");
		blobsNet.save(blobs);
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
		context.service(LogService.class).addLogListener(m -> {
			if (m.level() == LogLevel.ERROR) errors.add(m.text());
		});
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** A module of the command with its model field set, initialized as Fiji does before it shows the dialog. */
	private static Module initialized(Class<? extends Command> command, String modelKey, Path model) throws Exception {
		Module m = context.service(ModuleService.class).createModule(commands.getCommand(command));
		m.setInput(modelKey, model.toString());
		m.initialize();
		return m;
	}

	@Test
	void layerFieldsListTheNetworksLayersWithTheLastConvolutionSelected() throws Exception {
		Nodes.LayerChoices expected = Nodes.choices(classifierNet);
		assertEquals("relu3", expected.preselected());
		for (var c : Map.of(FeatureMapsCommand.class, "layer", DeepDreamCommand.class, "layer", TopPatchesCommand.class, "layer", StyleTransferCommand.class,
				"content", GradCamCommand.class, "layer").entrySet()) {
			String modelKey = c.getKey() == GradCamCommand.class ? "classifier" : "network";
			Module m = initialized(c.getKey(), modelKey, classifier);
			assertEquals(expected.names(), m.getInfo().getInput(c.getValue()).getChoices(), c.getKey().getSimpleName());
			assertEquals("relu3", m.getInput(c.getValue()), c.getKey().getSimpleName());
		}
	}

	@Test
	void theDefaultModelsLayersAreListed() throws Exception {
		Module m = context.service(ModuleService.class).createModule(commands.getCommand(FeatureMapsCommand.class));
		m.initialize();
		List<?> layers = m.getInfo().getInput("layer").getChoices();
		assertTrue(layers.size() > 1, "the shipped classifier's layers: " + layers);
		assertTrue(layers.contains(m.getInput("layer")), m.getInput("layer") + " in " + layers);
	}

	@Test
	void theLayerListFollowsTheModel() throws Exception {
		Module m = initialized(FeatureMapsCommand.class, "network", classifier);
		m.setInput("network", blobs.toString());
		m.getInfo().getInput("network").callback(m);
		assertEquals(Nodes.names(blobsNet), m.getInfo().getInput("layer").getChoices());
		assertEquals("relu", m.getInput("layer"), "the new network's last convolution");
		m.setInput("layer", "conv");
		m.setInput("network", blobs.toString());
		m.getInfo().getInput("network").callback(m);
		assertEquals("conv", m.getInput("layer"), "a layer the network has is kept");
	}

	@Test
	void anExplicitLayerRunsAndAnUnknownOneFailsWithOneLine() throws Exception {
		ImagePlus imp = new ImagePlus("noise", new FloatProcessor(16, 16, TinyNets.random(92, 1, 1, 16, 16).data()));
		ImagePlus maps = (ImagePlus) Run.command(commands, FeatureMapsCommand.class, true, "image", imp, "network", classifier.toString(), "layer", "conv1",
				"normalization", "none").get().getOutput("result");
		assertNotNull(maps);
		assertEquals(4, maps.getStackSize(), "conv1 has 4 channels");

		errors.clear();
		Object failed = Run.command(commands, FeatureMapsCommand.class, true, "image", imp, "network", classifier.toString(), "layer", "conv9",
				"normalization", "none").get().getOutput("result");
		assertNull(failed);
		assertEquals(1, errors.size(), errors.toString());
		String line = errors.get(0);
		assertFalse(line.contains("\n"), line);
		assertTrue(line.startsWith("Feature Maps: noise: ") && line.contains("'conv9'"), line);
		for (String layer : Nodes.names(classifierNet)) assertTrue(line.contains(layer), line);

		errors.clear();
		Object map = Run.command(commands, GradCamCommand.class, true, "image", imp, "classifier", classifier.toString(), "layer", "conv9", "target", "-1",
				"opacity", 0.0, "normalization", "none").get().getOutput("saliency");
		assertNull(map);
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith("Grad-CAM: noise: ") && errors.get(0).contains("'conv9'") && errors.get(0).contains("relu3"), errors.get(0));
	}
}
