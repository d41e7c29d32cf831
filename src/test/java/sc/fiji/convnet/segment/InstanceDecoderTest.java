package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceDecoderTest {

	/** Two discs that overlap a little: one foreground blob that the distance watershed must split in two. */
	@Test
	void distanceWatershedSplitsTwoTouchingDiscs() {
		int w = 80, h = 50;
		float[] fg = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				boolean a = Math.hypot(x - 25, y - 25) < 14, b = Math.hypot(x - 51, y - 25) < 14;
				fg[y * w + x] = a || b ? 0.9f : 0.1f;
			}
		LabelImage labels = new InstanceDecoder(0.5, 0.6, 0, 1.0, 10, Integer.MAX_VALUE, true).decode(new float[][] { fg }, w, h);
		assertEquals(2, labels.count());
		int left = labels.labels()[25 * w + 20], right = labels.labels()[25 * w + 56];
		assertTrue(left != 0 && right != 0 && left != right, "the disc centres carry different labels");
		int[] areas = labels.areas();
		// each disc keeps about its own area (π·14² ≈ 616 px minus the shared lens)
		assertTrue(Math.abs(areas[1] - areas[2]) < 40, "symmetric split, areas " + areas[1] + " and " + areas[2]);
	}

	/** Three-class output: the boundary class between two interiors keeps them apart. */
	@Test
	void threeClassSeedsAreSeparatedByBoundary() {
		int w = 40, h = 20;
		float[][] p = new float[3][w * h];
		for (int y = 2; y < 18; y++)
			for (int x = 2; x < 38; x++) {
				int i = y * w + x;
				boolean boundary = x == 2 || x == 37 || y == 2 || y == 17 || x == 19 || x == 20;
				p[boundary ? 2 : 1][i] = 0.9f;
				p[0][i] = 0.05f;
			}
		for (int i = 0; i < w * h; i++) if (p[1][i] == 0 && p[2][i] == 0) p[0][i] = 1;
		LabelImage labels = new InstanceDecoder(0.5, 0.6, 0, 1.0, 5, Integer.MAX_VALUE, true).decode(p, w, h);
		assertEquals(2, labels.count());
		assertEquals(2 * 18 * 16 - 0, labels.areas()[1] + labels.areas()[2], "every non-background pixel is claimed");
	}

	/** Two nuclei over the pixel threshold, one only just: a minimum object score keeps the sure one alone. */
	@Test
	void unsureObjectsAreDroppedByTheirMeanForegroundProbability() {
		int w = 40, h = 20;
		float[][] p = new float[3][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				boolean left = Math.hypot(x - 10, y - 10) < 7, right = Math.hypot(x - 30, y - 10) < 7;
				// left: foreground 0.95 everywhere; right: 0.9 in its seed, 0.75 on its rim (mean ≈ 0.8)
				p[1][i] = left ? 0.95f : right ? (Math.hypot(x - 30, y - 10) < 4 ? 0.9f : 0.75f) : 0;
				p[0][i] = 1 - p[1][i];
			}
		InstanceDecoder keepAll = new InstanceDecoder(0.7, 0.7, 0, 1, 5, Integer.MAX_VALUE, true);
		assertEquals(2, keepAll.decode(p, w, h).count());
		LabelImage sure = new InstanceDecoder(0.7, 0.7, 0, 1, 5, Integer.MAX_VALUE, true, 0.85).decode(p, w, h);
		assertEquals(1, sure.count());
		assertTrue(sure.labels()[10 * w + 10] != 0 && sure.labels()[10 * w + 30] == 0, "the sure nucleus is the one kept");
		assertEquals(2, new InstanceDecoder(0.7, 0.7, 0, 1, 5, Integer.MAX_VALUE, true, 0.75).decode(p, w, h).count(), "both pass a lower score");
		assertThrows(IllegalArgumentException.class, () -> new InstanceDecoder(0.7, 0.7, 0, 1, 5, Integer.MAX_VALUE, true, 1));
	}

	/** A speck of interior inside one nucleus's boundary is noise: with a minimum seed area it splits nothing. */
	@Test
	void tinySeedsDoNotSplitANucleus() {
		int w = 30, h = 30;
		float[][] p = new float[3][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				double r = Math.hypot(x - 15, y - 15);
				boolean speck = (x == 23 || x == 24) && y == 15; // 2 px of interior inside the boundary ring
				if (r <= 6 || speck) p[1][i] = 0.9f;
				else if (r <= 10) p[2][i] = 0.9f;
				else p[0][i] = 1;
			}
		assertEquals(2, new InstanceDecoder(0.5, 0.6, 0, 1, 0, Integer.MAX_VALUE, false).decode(p, w, h).count(), "without a minimum the speck seeds a second object");
		LabelImage labels = new InstanceDecoder(0.5, 0.6, 5, 1, 0, Integer.MAX_VALUE, false).decode(p, w, h);
		assertEquals(1, labels.count());
		int disc = 0;
		for (int i = 0; i < w * h; i++) if (p[0][i] == 0) disc++;
		assertEquals(disc, labels.areas()[1], "the speck's pixels belong to the nucleus");
	}

	@Test
	void sizeFilterDropsSmallObjects() {
		int w = 30, h = 30;
		float[] fg = new float[w * h];
		for (int y = 2; y < 4; y++) for (int x = 2; x < 4; x++) fg[y * w + x] = 1; // 4 px speck
		for (int y = 10; y < 20; y++) for (int x = 10; x < 20; x++) fg[y * w + x] = 1;
		LabelImage labels = new InstanceDecoder(0.5, 0.6, 0, 1.0, 10, 1000, true).decode(new float[][] { fg }, w, h);
		assertEquals(1, labels.count());
		assertEquals(100, labels.areas()[1]);
	}

	@Test
	void wrongChannelCountIsNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new InstanceDecoder(0.5, 0.6, 0, 1, 0, 10, false).decode(new float[2][4], 2, 2));
		assertTrue(e.getMessage().contains("got 2"), e.getMessage());
	}

	/**
	 * Two touching nuclei whose common boundary the network missed (interior sure across the contact): interior seeds
	 * merge them, the distance output's two centres split them.
	 */
	@Test
	void distanceCentresSplitNucleiThatTheInteriorJoins() {
		int w = 60, h = 30;
		float[][] p = new float[4][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				double a = Math.hypot(x - 20, y - 15), b = Math.hypot(x - 40, y - 15);
				if (a < 11 || b < 11) {
					p[1][i] = 0.9f;
					p[0][i] = 0.1f;
					p[3][i] = (float) (1 - Math.min(a, b) / 11); // each centre 1, the contact ≈ 0.1
				} else p[0][i] = 1;
			}
		InstanceDecoder decoder = new InstanceDecoder(0.5, 0.7, 0, 1.0, 5, Integer.MAX_VALUE, true);
		assertEquals(1, decoder.decode(new float[][] { p[0], p[1], p[2] }, w, h).count(), "interior seeds join the two");
		LabelImage split = decoder.decode(p, w, h);
		assertEquals(2, split.count(), "one seed per distance centre");
		int left = split.labels()[15 * w + 15], right = split.labels()[15 * w + 45];
		assertTrue(left != 0 && right != 0 && left != right);
		assertEquals(split.areas()[1], split.areas()[2], 30, "the contact is shared evenly");
	}

	/** One elongated nucleus whose distance has two maxima with a shallow saddle: split only when the saddle is deep enough. */
	@Test
	void distanceMaximaSeedOnlyWhenTheyStandOutByTheProminence() {
		int w = 60, h = 30;
		float[][] p = new float[4][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				double a = Math.hypot(x - 22, y - 15), b = Math.hypot(x - 38, y - 15);
				if (Math.min(a, b) < 11 || (x > 22 && x < 38 && Math.abs(y - 15) < 11)) {
					p[1][i] = 0.9f;
					p[0][i] = 0.1f;
					// two peaks of 1 joined by a saddle of 0.85 along the middle row
					double along = x <= 22 || x >= 38 ? 1 : 1 - 0.15 * Math.sin(Math.PI * (x - 22) / 16.0);
					p[3][i] = (float) (along * Math.max(0, 1 - Math.abs(y - 15) / 11.0));
				} else p[0][i] = 1;
			}
		assertEquals(1, new InstanceDecoder(0.5, 0.7, 0, 1.0, 5, Integer.MAX_VALUE, true, 0, 0.2).decode(p, w, h).count(), "a 0.15 saddle is within 0.2");
		assertEquals(2, new InstanceDecoder(0.5, 0.7, 0, 1.0, 5, Integer.MAX_VALUE, true, 0, 0.1).decode(p, w, h).count(), "but not within 0.1");
		assertThrows(IllegalArgumentException.class, () -> new InstanceDecoder(0.5, 0.7, 0, 1.0, 5, Integer.MAX_VALUE, true, 0, 0));
	}
}
