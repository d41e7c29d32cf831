package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SegmentationMetricsTest {

	/**
	 * Truth: objects A (4 px) and B (4 px). Prediction: A exactly, B shifted by one pixel (IoU 2/6),
	 * and a false object C. At 0.5: TP 1 (A), FP 2 (B', C), FN 1 (B) → AP = 1/4.
	 */
	@Test
	void countsMatchesAtEachThreshold() {
		int[] truth = {
				1, 1, 0, 2, 2, 0,
				1, 1, 0, 2, 2, 0 };
		int[] pred = {
				1, 1, 0, 0, 2, 2,
				1, 1, 3, 0, 2, 2 };
		SegmentationMetrics m = new SegmentationMetrics(0.3, 0.5)
				.add(new LabelImage(6, 2, truth, 2), new LabelImage(6, 2, pred, 3));
		assertEquals(2, m.truePositives(0), "IoU 1/3 ≥ 0.3 matches B");
		assertEquals(1, m.truePositives(1));
		assertEquals(2, m.falsePositives(1));
		assertEquals(1, m.falseNegatives(1));
		assertEquals(0.25, m.averagePrecision(1), 1e-12);
		assertEquals(1 / 3.0, m.precision(1), 1e-12);
		assertEquals(0.5, m.recall(1), 1e-12);
		assertEquals(2 / 5.0, m.f1(1), 1e-12);
		assertEquals(1.0, m.meanMatchedIou(1), 1e-12);
		assertEquals((1 + 2 / 6.0) / 2, m.meanMatchedIou(0), 1e-12);
	}

	@Test
	void countsSumOverImages() {
		int[] a = { 1, 1, 0, 0 };
		SegmentationMetrics m = new SegmentationMetrics(0.5);
		m.add(new LabelImage(4, 1, a, 1), new LabelImage(4, 1, a.clone(), 1));
		m.add(new LabelImage(4, 1, a, 1), new LabelImage(4, 1, new int[4], 0));
		assertEquals(0.5, m.averagePrecision(0), 1e-12);
		assertEquals(2, m.images());
	}
}
