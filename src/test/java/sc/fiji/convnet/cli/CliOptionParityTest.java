package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.request.Batch;
import sc.fiji.convnet.request.ClassifyRequest;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.Option;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.request.Spec;

/** Every option of segment/detect/classify/saliency is a field of the task's request (or a folder option), under the same name. */
class CliOptionParityTest {

	private static final Set<String> FOLDER_OPTIONS = Set.of(Batch.INPUT.key(), Batch.FILE.key(), Batch.OUTPUT.key(), Batch.OVERWRITE.key());

	/** CLI spec → (request spec, request options the command line leaves out because they only concern a display). */
	private static final Map<String, Object[]> COMMANDS = Map.of(
			"segment", new Object[] { ConvNetCli.SEGMENT, SegmentRequest.SPEC, Set.of(), ConvNetCli.SEGMENT_USAGE },
			"detect", new Object[] { DetectCli.DETECT, DetectRequest.SPEC, Set.of(), DetectCli.DETECT_USAGE },
			"classify", new Object[] { ClassifyCli.SPEC, ClassifyRequest.SPEC, Set.of("classify", "window", "stride"), ClassifyCli.USAGE },
			"saliency", new Object[] { ConvNetCli.SALIENCY, SaliencyRequest.SPEC, Set.of("opacity"), ConvNetCli.SALIENCY_USAGE });

	@Test
	void everyCliOptionIsARequestField() {
		for (Map.Entry<String, Object[]> e : COMMANDS.entrySet()) {
			Spec cli = (Spec) e.getValue()[0], request = (Spec) e.getValue()[1];
			@SuppressWarnings("unchecked")
			Set<String> displayOnly = (Set<String>) e.getValue()[2];
			Set<String> expected = new TreeSet<>(request.keys());
			expected.removeAll(displayOnly);
			Set<String> actual = new TreeSet<>(cli.keys());
			actual.removeAll(FOLDER_OPTIONS);
			assertEquals(expected, actual, e.getKey());
			for (Option o : cli.options()) {
				Option r = request.find(o.key());
				if (r != null) assertEquals(r, o, e.getKey() + " --" + o.key() + " is the request's own option");
				assertTrue(((String) e.getValue()[3]).contains("  " + o.cli() + " "), e.getKey() + " --help lists " + o.cli());
			}
		}
	}

	@Test
	void helpAndThreadsEverywhereAndUsageErrorsExitWith2() {
		for (String command : List.of("segment", "detect", "classify", "saliency", "evaluate-saliency", "evaluate-segmentation", "evaluate-detection",
				"train-nuclei", "export-nuclei", "train-detector", "export-detector", "train-classifier", "diagnostics")) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
			assertEquals(0, ConvNetCli.run(new String[] { command, "--threads", "1", "--help" }, new PrintStream(out), new PrintStream(err)),
					command + ": " + err);
			assertTrue(out.toString().startsWith("Usage: bin/convnet " + command), command + " --help: " + out);
			assertEquals(2, ConvNetCli.run(new String[] { command, "--no-such-option" }, new PrintStream(out), new PrintStream(err)), command);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		assertEquals(2, ConvNetCli.run(new String[] { "segment", "--input", ".", "--output", "/tmp/x", "--threads", "0" }, new PrintStream(out),
				new PrintStream(err)));
		assertEquals(2, ConvNetCli.run(new String[] { "segment", "--input", ".", "--output", "/tmp/x", "--views", "3" }, new PrintStream(out),
				new PrintStream(err)), err.toString());
		System.clearProperty("convnet.threads");
	}
}
