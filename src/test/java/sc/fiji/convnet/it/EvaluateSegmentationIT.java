package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.TestData;
import sc.fiji.convnet.cli.ConvNetCli;
import sc.fiji.convnet.ij.SegmentationEvaluation;
import sc.fiji.convnet.segment.SegmentationMetrics;

/**
 * Our Evaluate Segmentation against the project-independent scorer {@code ../shared/tools/seg_ap.py}
 * on real predictions: the published bioimage.io U-Net segments the validation images, both score them.
 */
class EvaluateSegmentationIT {

	@Test
	void agreesWithTheIndependentScorer(@TempDir Path tmp) throws Exception {
		Path data = TestData.shared("nuclei-dsb2018");
		Path scorer = TestData.shared("../tools/seg_ap.py");
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 with numpy and tifffile (CI installs them)");
		Path truth = Files.createDirectories(tmp.resolve("truth")), images = Files.createDirectories(tmp.resolve("images"));
		List<String> val = Files.readAllLines(data.resolve("split.csv")).stream().filter(l -> l.contains(",val,")).map(l -> l.split(",")[0]).limit(5)
				.toList();
		for (String id : val) {
			Files.copy(data.resolve("labels/" + id + ".tif"), truth.resolve(id + ".tif"));
			Files.copy(data.resolve("images/" + id + ".png"), images.resolve(id + ".png"));
		}
		Path pred = tmp.resolve("pred");
		assertEquals(0, ConvNetCli.run(new String[] { "segment", "--input", images.toString(), "--output", pred.toString(), "--model",
				TestData.bioimageioNucleiModel().toString() }, System.out, System.err));

		SegmentationMetrics ours = SegmentationEvaluation.evaluateFolders(truth.toFile(), pred.toFile(), "_labels.tif", System.out::println);
		Process p = new ProcessBuilder("/usr/bin/python3", scorer.toString(), truth.toString(), pred.toString(), "--tau", "0.5", "0.75", "0.9")
				.redirectErrorStream(true).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		String out = new String(p.getInputStream().readAllBytes());
		Assumptions.assumeTrue(p.exitValue() == 0 || !out.contains("ModuleNotFoundError"), "numpy/tifffile missing: " + out);
		assertEquals(0, p.exitValue(), out);
		Matcher m = Pattern.compile("tau=(\\S+) TP=(\\d+) FP=(\\d+) FN=(\\d+) AP=(\\S+)").matcher(out);
		int checked = 0;
		while (m.find()) {
			double tau = Double.parseDouble(m.group(1));
			int k = index(ours.thresholds(), tau);
			assertEquals(Long.parseLong(m.group(2)), ours.truePositives(k), "TP at " + tau);
			assertEquals(Long.parseLong(m.group(3)), ours.falsePositives(k), "FP at " + tau);
			assertEquals(Long.parseLong(m.group(4)), ours.falseNegatives(k), "FN at " + tau);
			checked++;
		}
		assertEquals(3, checked, out);

		ByteArrayOutputStream text = new ByteArrayOutputStream();
		assertEquals(0, ConvNetCli.run(new String[] { "evaluate-segmentation", "--truth", truth.toString(), "--prediction", pred.toString(), "--csv",
				tmp.resolve("scores.csv").toString() }, new PrintStream(text), System.err));
		assertTrue(text.toString().contains("5 images"), text.toString());
		assertEquals(11, Files.readAllLines(tmp.resolve("scores.csv")).size(), "header + 10 thresholds");
	}

	private static int index(double[] thresholds, double tau) {
		for (int k = 0; k < thresholds.length; k++) if (Math.abs(thresholds[k] - tau) < 1e-9) return k;
		throw new AssertionError("threshold " + tau + " not reported");
	}
}
