package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.plugin.Plugin;

import sc.fiji.convnet.ConvNet;

/** The Check Model command prints the library's report, and its IJ1 entry is in plugins.config under the same name. */
class CheckModelCommandTest {

	@Test
	void commandGivesTheLibrarysReportAndIsListed() throws Exception {
		Context context = new Context(CommandService.class);
		try {
			String report = (String) context.service(CommandService.class).run(CheckModelCommand.class, false, "model", "bccd-classifier").get()
					.getOutput("report");
			assertEquals(ConvNet.checkModel("bccd-classifier").text(), report);
			assertTrue(report.contains("Result: the engine matches ONNX Runtime (exit 0)"), report);
		} finally {
			context.dispose();
		}
		assertTrue(CheckModelCommand.class.getAnnotation(Plugin.class).menuPath().endsWith(">Check Model"));
		assertTrue(Files.readAllLines(Path.of("plugins.config")).contains("Plugins>ConvNet, \"Check Model\", sc.fiji.convnet.commands.ij1.CheckModelPlugin"));
	}
}
