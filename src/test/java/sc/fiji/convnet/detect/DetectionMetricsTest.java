package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.TestData;

class DetectionMetricsTest {

	@TempDir Path dir;

	private static Box gt(String c, double x, double y) { return new Box(c, 1, x, y, 10, 10); }

	@Test
	void averagePrecisionByHand() {
		// two ground-truth boxes; ranked detections TP (0.9), FP (0.8), TP (0.7):
		// precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1 → interpolated area 1/2·1 + 1/2·2/3 = 5/6
		DetectionMetrics m = new DetectionMetrics();
		m.add(List.of(gt("a", 0, 0), gt("a", 50, 50)),
				List.of(new Box("a", 0.9, 0, 0, 10, 10), new Box("a", 0.8, 100, 100, 10, 10), new Box("a", 0.7, 51, 51, 10, 10)));
		assertEquals(5.0 / 6, m.averagePrecision("a", 0.5), 1e-12);
		// at IoU 0.75 the shifted box (IoU 81/119 ≈ 0.68) is a miss: precision 1 at recall 1/2 only → 1/2
		assertEquals(0.5, m.averagePrecision("a", 0.75), 1e-12);
	}

	@Test
	void duplicatesAreFalsePositivesAndDifficultBoxesCountNeitherWay() {
		DetectionMetrics m = new DetectionMetrics();
		m.add(List.of(gt("a", 0, 0), new Box("a", 1, 50, 50, 10, 10, true)),
				List.of(new Box("a", 0.9, 50, 50, 10, 10), new Box("a", 0.8, 0, 0, 10, 10), new Box("a", 0.7, 0, 0, 10, 10)));
		// the difficult match is ignored, then TP, then a duplicate FP: one positive, recall 1 at precision 1
		assertEquals(1, m.positives("a"));
		assertEquals(1.0, m.averagePrecision("a", 0.5), 1e-12);
	}

	@Test
	void meanIsOverClassesWithGroundTruth() {
		DetectionMetrics m = new DetectionMetrics();
		m.add(List.of(gt("a", 0, 0), gt("b", 30, 30)), List.of(new Box("a", 0.9, 0, 0, 10, 10), new Box("c", 0.9, 60, 60, 5, 5)));
		assertEquals(List.of("a", "b"), m.classes());
		assertEquals(0.5, m.meanAveragePrecision(0.5), 1e-12);
		assertTrue(Double.isNaN(m.averagePrecision("c", 0.5)));
		assertEquals(0.5, m.meanAveragePrecision50to95(), 1e-12, "exact boxes match at every IoU threshold");
	}

	/** Noisy predictions for the BCCD val annotations, scored here and by the independent det_map.py. */
	@Test
	void agreesWithTheIndependentScorer() throws Exception {
		Path bccd = TestData.shared("bccd");
		Path script = Path.of("..", "shared", "tools", "det_map.py");
		Assumptions.assumeTrue(Files.isRegularFile(script), "det_map.py is absent");
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
		Path ann = Files.createDirectories(dir.resolve("ann")), pred = Files.createDirectories(dir.resolve("pred"));
		SplittableRandom rng = new SplittableRandom(7);
		DetectionMetrics m = new DetectionMetrics();
		List<String> ids = Files.readAllLines(bccd.resolve("val.txt")).stream().map(String::trim).filter(s -> !s.isEmpty()).limit(30).toList();
		String[] names = { "Platelets", "RBC", "WBC" };
		for (String id : ids) {
			Path xml = bccd.resolve("Annotations").resolve(id + ".xml");
			Files.copy(xml, ann.resolve(id + ".xml"));
			List<Box> truth = VocAnnotations.read(xml), predicted = new ArrayList<>();
			for (Box b : truth) {
				if (rng.nextDouble() < 0.2) continue; // missed
				double j = b.width() * 0.25;
				predicted.add(new Box(rng.nextDouble() < 0.1 ? names[rng.nextInt(3)] : b.label(), rng.nextDouble(), b.x() + (rng.nextDouble() - 0.5) * j,
						b.y() + (rng.nextDouble() - 0.5) * j, b.width() * (0.85 + 0.3 * rng.nextDouble()), b.height() * (0.85 + 0.3 * rng.nextDouble())));
				if (rng.nextDouble() < 0.15) predicted.add(predicted.get(predicted.size() - 1).withScore(rng.nextDouble()));
			}
			for (int k = rng.nextInt(4); k > 0; k--)
				predicted.add(new Box(names[rng.nextInt(3)], rng.nextDouble(), rng.nextDouble() * 500, rng.nextDouble() * 380, 40 + rng.nextDouble() * 80,
						40 + rng.nextDouble() * 80));
			BoxCsv.write(pred.resolve(id + BoxCsv.SUFFIX), predicted);
			// scores as written (6 decimals, coordinates to 3) so both sides rank and match the same numbers
			m.add(truth, BoxCsv.read(pred.resolve(id + BoxCsv.SUFFIX)));
		}
		Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), ann.toString(), pred.toString()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		Assumptions.assumeFalse(out.contains("No module named"), "python3 lacks numpy: " + out);
		assertEquals(0, p.exitValue(), out);
		Map<String, Double> ap = new HashMap<>();
		Matcher per = Pattern.compile("(\\w+): AP@0\\.50=([0-9.]+)").matcher(out);
		while (per.find()) ap.put(per.group(1), Double.parseDouble(per.group(2)));
		assertEquals(3, ap.size(), out);
		for (String c : names) assertEquals(ap.get(c), m.averagePrecision(c, 0.5), 6e-5, c + " vs det_map.py:\n" + out);
		Matcher mean = Pattern.compile("mAP@0\\.50=([0-9.]+)").matcher(out);
		assertTrue(mean.find(), out);
		assertEquals(Double.parseDouble(mean.group(1)), m.meanAveragePrecision(0.5), 6e-5, out);
		assertTrue(m.meanAveragePrecision(0.5) > 0.3 && m.meanAveragePrecision(0.5) < 0.95, "the noise leaves a non-trivial AP: " + out);
	}

	@Test
	void stricterIouTurnsAShiftedMatchIntoAMiss() {
		// IoU of a 10×10 box shifted by (1, 1): 81/119 ≈ 0.68
		DetectionMetrics m = new DetectionMetrics();
		m.add(List.of(gt("a", 0, 0)), List.of(new Box("a", 0.9, 1, 1, 10, 10)));
		assertEquals(1.0, m.averagePrecision("a", 0.5), 1e-12);
		assertEquals(0.0, m.averagePrecision("a", 0.75), 1e-12);
	}
}
