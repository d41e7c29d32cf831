package sc.fiji.convnet.request;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The Help buttons: a page per command made from its spec, shown by ImageJ itself (no link to a page that may not exist). */
class SpecHelpTest {

	@Test
	void everyCommandsHelpNamesEachMacroKeyAndNoWebPage() {
		for (Spec spec : CommandSpecs.all().values()) {
			String html = spec.helpHtml();
			assertTrue(html.startsWith("<html>"), spec.command() + ": ImageJ shows text starting with <html> instead of opening a browser");
			assertFalse(html.contains("http"), spec.command() + ": no web link");
			for (Option o : spec.options())
				if (o.kind() != Option.Kind.TEXT_AREA) assertTrue(html.contains("<tt>" + o.key() + "</tt>"), spec.command() + ": " + o.key());
		}
		assertTrue(CommandSpecs.SEGMENT.helpHtml().contains("run(\"Segment Nuclei\", \"model=nuclei channel=1"));
		assertTrue(CommandSpecs.DETECT.helpHtml().contains("installed detection models"));
		assertTrue(CommandSpecs.GRAD_CAM.helpHtml().contains("old keys still read: model"));
	}

	@Test
	void everyImageJ1DialogHasAHelpButton() throws Exception {
		try (Stream<Path> files = Files.list(Path.of("src/main/java/sc/fiji/convnet/commands/ij1"))) {
			for (Path f : files.toList()) {
				String src = Files.readString(f);
				if (src.contains("new GenericDialog(")) assertTrue(src.contains("gd.addHelp("), f.getFileName() + " has a dialog without a Help button");
			}
		}
	}
}
