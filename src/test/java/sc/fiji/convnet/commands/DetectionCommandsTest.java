package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import sc.fiji.convnet.detect.BoxCsv;
import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.detect.train.DetectorExport;
import sc.fiji.convnet.detect.train.GridDetectorNet;

/** The detection commands in a SciJava context: tables match the overlay, menus match plugins.config. */
class DetectionCommandsTest {

	private static Context context;
	private static CommandService commands;

	@TempDir static Path dir;

	@BeforeAll
	static void start() { context = new Context(CommandService.class); commands = context.service(CommandService.class); }

	@AfterAll
	static void stop() { context.dispose(); }

	@Test
	void detectObjectsGivesOneRowPerOverlayBoxAndCounts() throws Exception {
		GridLayout layout = new GridLayout(List.of("Platelets", "RBC", "WBC"), 16, 32);
		Path model = dir.resolve("model");
		ColorProcessor cp = new ColorProcessor(96, 64);
		for (int i = 0; i < 96 * 64; i++) cp.set(i, (int) ((i * 2654435761L) & 0xffffff));
		DetectorExport.export(GridDetectorNet.build(layout, 8, 3), layout, 1, model, "test", 0, RgbImage.of(cp.getBufferedImage()));
		ImagePlus imp = new ImagePlus("cells", cp);
		Module m = Run.command(commands, DetectObjectsCommand.class, false, "image", imp, "model", model.toString(), "score", 0.0, "iou", 0.45, "scales", "1",
				"decoder", "from model", "agnostic", false, "add", false).get();
		ResultsTable boxes = (ResultsTable) m.getOutput("detections"), counts = (ResultsTable) m.getOutput("counts");
		assertNotNull(boxes, "the command gave a table");
		assertTrue(boxes.size() > 0);
		assertEquals(boxes.size(), imp.getOverlay().size());
		assertEquals(boxes.size(), (int) counts.getValue("count", counts.size() - 1), "total count");
	}

	@Test
	void batchDetectWritesOneCsvPerImageAndCounts() throws Exception {
		GridLayout layout = new GridLayout(List.of("Platelets", "RBC", "WBC"), 16, 32);
		Path model = dir.resolve("batch-model"), in = Files.createDirectories(dir.resolve("batch-in")), out = dir.resolve("batch-out");
		ColorProcessor cp = new ColorProcessor(64, 48);
		DetectorExport.export(GridDetectorNet.build(layout, 8, 4), layout, 1, model, "test", 0, RgbImage.of(cp.getBufferedImage()));
		javax.imageio.ImageIO.write(cp.getBufferedImage(), "png", in.resolve("a.png").toFile());
		Run.command(commands, BatchDetectObjectsCommand.class, false, "input", in.toFile(), "file", "*.png", "output", out.toFile(),
				"model", model.toString(), "scales", "1", "score", 0.0, "iou", 0.45, "overwrite", false).get();
		assertEquals(BoxCsv.HEADER, Files.readAllLines(out.resolve("a_boxes.csv")).get(0));
		assertTrue(Files.readAllLines(out.resolve("counts.csv")).get(1).startsWith("a.png,"));
	}

	@Test
	void evaluateDetectionScoresPerfectPredictionsAsOne() throws Exception {
		Path truth = Files.createDirectories(dir.resolve("t")), pred = Files.createDirectories(dir.resolve("p"));
		List<sc.fiji.convnet.detect.Box> boxes = List.of(new sc.fiji.convnet.detect.Box("RBC", 1, 10, 10, 20, 20));
		BoxCsv.write(truth.resolve("a.csv"), boxes);
		BoxCsv.write(pred.resolve("a_boxes.csv"), boxes);
		Module m = Run.command(commands, EvaluateDetectionCommand.class, false, "ground", truth.toFile(), "predictions", pred.toFile()).get();
		ResultsTable scores = (ResultsTable) m.getOutput("scores");
		assertEquals("RBC", scores.getStringValue("class", 0));
		assertEquals(1.0, scores.getValue("AP@0.5", 1), 1e-12);
		assertEquals(1.0, scores.getValue("AP@[.5:.95]", 1), 1e-12);
	}

	@Test
	void menusMatchPluginsConfig() throws Exception {
		List<String> config = Files.readAllLines(Path.of("plugins.config"));
		for (Class<?> c : List.of(DetectObjectsCommand.class, BatchDetectObjectsCommand.class, EvaluateDetectionCommand.class)) {
			String path = c.getAnnotation(Plugin.class).menuPath(), name = path.substring(path.lastIndexOf('>') + 1);
			String ij1 = "sc.fiji.convnet.commands.ij1." + name.replace(" ", "") + "Plugin";
			assertTrue(config.contains("Plugins>ConvNet, \"" + name + "\", " + ij1), "plugins.config lists " + name);
			assertNotNull(Class.forName(ij1));
		}
		assertTrue(new File("plugins.config").exists());
	}
}
