package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContactWeightTest {

	/** Three disks: 1 and 2 touch, 3 stands alone far away. */
	private static int[] disks(int w, int h) {
		int[] labels = new int[w * h];
		int[][] centres = { { 12, 15 }, { 23, 15 }, { 50, 15 } };
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int k = 0; k < centres.length; k++) {
					int dx = x - centres[k][0], dy = y - centres[k][1];
					if (dx * dx + dy * dy <= 36 && labels[y * w + x] == 0) labels[y * w + x] = k + 1;
				}
		return labels;
	}

	/** The weight from its definition: each nucleus's distance by brute force over its pixels, beyond 3σ none. */
	private static double reference(int[] labels, int w, int h, int p, double w0, double sigma) {
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		double first = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
		for (int l = 1; l <= max; l++) {
			double d = Double.POSITIVE_INFINITY;
			for (int q = 0; q < labels.length; q++)
				if (labels[q] == l) d = Math.min(d, Math.hypot(q % w - p % w, q / w - p / w));
			if (d > 3 * sigma) continue;
			if (d < first) { second = first; first = d; } else if (d < second) second = d;
		}
		double sum = first + second;
		return 1 + (Double.isInfinite(sum) ? 0 : w0 * Math.exp(-sum * sum / (2 * sigma * sigma)));
	}

	@Test
	void everyPixelMatchesTheDefinition() {
		int w = 64, h = 30;
		int[] labels = disks(w, h);
		float[] weight = ContactWeight.of(labels, w, h, 10, 5);
		for (int p = 0; p < labels.length; p++) assertEquals(reference(labels, w, h, p, 10, 5), weight[p], 1e-4, "pixel " + p % w + "," + p / w);
	}

	@Test
	void contactsWeighMostAndLoneNucleiNothingExtra() {
		int w = 64, h = 30;
		int[] labels = disks(w, h);
		float[] weight = ContactWeight.of(labels, w, h, 10, 5);
		int contact = 15 * w + 18; // pixel of disk 1 next to disk 2
		assertEquals(2, labels[contact + 1]);
		assertTrue(weight[contact] > 9, "contact weighs " + weight[contact]);
		for (int p = 0; p < labels.length; p++)
			if (p % w > 47) assertEquals(1f, weight[p], "lone nucleus and its background, over 3σ from the others, at " + p % w + "," + p / w);
		assertEquals(1f, weight[0], "far background");
		float[] none = ContactWeight.of(labels, w, h, 0, 5);
		for (float v : none) assertEquals(1f, v);
	}
}
