package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.TestData;

/** Every script in scripts/ runs in jython-standalone against the built classes and does what it says. */
class JythonIT {

	@TempDir
	Path tmp;

	private String run(String script, String... args) throws Exception {
		String jython = org.python.util.jython.class.getProtectionDomain().getCodeSource().getLocation().getPath();
		List<String> cmd = new ArrayList<>(List.of(ImageJInstall.java(), "-Djava.awt.headless=true", "-Dslf4j.internal.verbosity=ERROR", "-cp",
				System.getProperty("convnet.jar", "target/classes") + File.pathSeparator + "target/dependency/*" + File.pathSeparator + jython,
				"org.python.util.jython", "scripts/" + script));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), script + " finished");
		String out = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.exitValue(), script + ": " + out);
		return out;
	}

	@Test
	void everyScriptIsCovered() throws Exception {
		try (var s = Files.list(Path.of("scripts"))) {
			List<String> py = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py") && !n.startsWith("bench")).sorted().toList();
			assertEquals(List.of("batch_segment_folder.py", "diagnostics.py", "segment_nuclei.py"), py, "a new script needs a test here");
		}
	}

	@Test
	void diagnostics() throws Exception {
		String out = run("diagnostics.py");
		assertTrue(out.contains("ONNX Runtime 1.29"), out);
	}

	@Test
	void segmentNucleiWritesLabelsRoisAndTable() throws Exception {
		String model = TestData.bioimageioNucleiModel().toString();
		String out = run("segment_nuclei.py", "samples/nuclei_fluo_8bit_crop.tif", tmp.toString(), model);
		ImagePlus labels = IJ.openImage(tmp.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		int n = (int) labels.getStatistics().max;
		assertTrue(out.contains("nuclei_fluo_8bit_crop.tif: " + n + " nuclei"), out);
		assertTrue(Files.size(tmp.resolve("nuclei_fluo_8bit_crop_rois.zip")) > 0);
		assertEquals(n + 1, Files.readAllLines(tmp.resolve("nuclei_fluo_8bit_crop_measurements.csv")).size());
	}

	/** The Jython batch call gives the same files and the same labels as the command line. */
	@Test
	void batchScriptMatchesTheCommandLine() throws Exception {
		String model = TestData.bioimageioNucleiModel().toString();
		Path viaJython = tmp.resolve("jython"), viaCli = tmp.resolve("cli");
		run("batch_segment_folder.py", "samples", viaJython.toString(), model, "*8bit*");
		int code = sc.fiji.convnet.cli.ConvNetCli.run(new String[] { "segment", "--input", "samples", "--output", viaCli.toString(), "--model", model,
				"--filter", "*8bit*" }, System.out, System.err);
		assertEquals(0, code);
		ImagePlus a = IJ.openImage(viaJython.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		ImagePlus b = IJ.openImage(viaCli.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		assertTrue(java.util.Arrays.equals((short[]) a.getProcessor().getPixels(), (short[]) b.getProcessor().getPixels()), "identical labels");
		assertEquals(Files.readAllLines(viaCli.resolve("measurements.csv")), Files.readAllLines(viaJython.resolve("measurements.csv")));
	}
}
