package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.commands.ij1.ConvolvePlugin;
import sc.fiji.convnet.commands.ij1.EdgeFiltersPlugin;
import sc.fiji.convnet.commands.ij1.GaborFilterBankPlugin;
import sc.fiji.convnet.commands.ij1.PoolPlugin;
import sc.fiji.convnet.commands.ij1.UpsamplePlugin;

/**
 * The SciJava filter commands run in a SciJava context and give exactly what the facade gives for the same
 * parameters; their menu paths and the ImageJ 1.x entries of plugins.config name the same commands.
 */
class FilterCommandsTest {

	private static Context context;
	private static CommandService commands;
	private static ImagePlus sample;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
		sample = IJ.openImage("samples/nuclei_fluo_8bit_crop.tif");
	}

	@AfterAll
	static void stop() { context.dispose(); }

	private static Module run(Class<? extends Command> type, Object... inputs) throws Exception {
		return Run.command(commands, type, false, inputs).get();
	}

	private static void assertSamePixels(ImagePlus expected, ImagePlus actual) {
		assertNotNull(actual, "the command gave a result");
		assertEquals(expected.getStackSize(), actual.getStackSize());
		for (int i = 1; i <= expected.getStackSize(); i++)
			assertArrayEquals((float[]) expected.getStack().getPixels(i), (float[]) actual.getStack().getPixels(i), "plane " + i);
	}

	@Test
	void commandsGiveTheFacadesResults() throws Exception {
		String kernel = "-1 0 1\n-2 0 2\n-1 0 1";
		assertSamePixels(ConvNetFilters.convolve(sample, kernel, false, "reflect", "valid", 2, false),
				(ImagePlus) run(ConvolveCommand.class, "image", sample, "text1", kernel, "normalize", false, "padding", "reflect",
						"output", "valid", "stride", 2, "across", false).getOutput("result"));
		assertSamePixels(ConvNetFilters.edges(sample, "all"), (ImagePlus) run(EdgeFiltersCommand.class, "image", sample, "output", "all").getOutput("result"));
		Module gabor = run(GaborFilterBankCommand.class, "image", sample, "orientations", 3, "frequencies", "0.9", "phase", "0, -1.5708",
				"alpha", 0.1, "beta", 0.2, "size", 7, "show", true);
		assertSamePixels(ConvNetFilters.gaborBank(sample, ConvNetFilters.gaborBank(3, new double[] { 0.9 }, new double[] { 0, -1.5708 }, 0.1, 0.2, 7)),
				(ImagePlus) gabor.getOutput("featureMaps"));
		assertNotNull(gabor.getOutput("bank"), "the bank picture");
		assertSamePixels(ConvNetFilters.pool(sample, "average", 3, 2),
				(ImagePlus) run(PoolCommand.class, "image", sample, "method", "average", "size", 3, "stride", 2).getOutput("result"));
		assertSamePixels(ConvNetFilters.upsample(sample, "bilinear", 3),
				(ImagePlus) run(UpsampleCommand.class, "image", sample, "method", "bilinear", "factor", 3).getOutput("result"));
	}

	@Test
	void badInputGivesNoResultAndDoesNotThrow() throws Exception {
		assertNull(run(ConvolveCommand.class, "image", sample, "text1", "1 2\n3", "normalize", false, "padding", "zero", "output", "same",
				"stride", 1, "across", false).getOutput("result"));
		assertNull(run(PoolCommand.class, "image", sample, "method", "max", "size", 2, "stride", 0).getOutput("result"));
	}

	@Test
	void menusAndPluginsConfigAgree() throws Exception {
		Map<Class<? extends Command>, Class<?>> pairs = Map.of(ConvolveCommand.class, ConvolvePlugin.class, EdgeFiltersCommand.class,
				EdgeFiltersPlugin.class, GaborFilterBankCommand.class, GaborFilterBankPlugin.class, PoolCommand.class, PoolPlugin.class,
				UpsampleCommand.class, UpsamplePlugin.class);
		List<String> config = Files.readAllLines(Path.of("plugins.config"));
		for (var e : pairs.entrySet()) {
			String menuPath = e.getKey().getAnnotation(Plugin.class).menuPath();
			assertTrue(menuPath.startsWith("Plugins>ConvNet>Filters>"), menuPath);
			String name = menuPath.substring(menuPath.lastIndexOf('>') + 1);
			String line = "Plugins>ConvNet>Filters, \"" + name + "\", " + e.getValue().getName();
			assertTrue(config.contains(line), "plugins.config has: " + line);
		}
	}
}
