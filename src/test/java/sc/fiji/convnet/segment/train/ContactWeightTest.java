package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContactWeightTest {

	/**
	 * Two squares touching along a column and a third 2 px away from the second, a fourth far off: the weight is set
	 * exactly on the pixels with two different nuclei within 2 px (counted here by brute force over the label image),
	 * which are the contact columns and the gap, and nowhere on the lone square.
	 */
	@Test
	void weighsThePixelsBetweenTouchingAndCloseNuclei() {
		int w = 40, h = 20;
		int[] labels = new int[w * h];
		for (int y = 2; y < 10; y++)
			for (int x = 2; x < 26; x++) labels[y * w + x] = x < 10 ? 1 : x < 18 ? 2 : x >= 20 ? 3 : 0;
		for (int y = 13; y < 18; y++)
			for (int x = 30; x < 36; x++) labels[y * w + x] = 4;
		float[] weight = ContactWeight.of(labels, w, h, 5f);
		int heavy = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				java.util.Set<Integer> seen = new java.util.HashSet<>();
				for (int dy = -2; dy <= 2; dy++)
					for (int dx = -2; dx <= 2; dx++) {
						int nx = x + dx, ny = y + dy;
						if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[ny * w + nx] != 0) seen.add(labels[ny * w + nx]);
					}
				assertEquals(seen.size() >= 2 ? 5f : 1f, weight[y * w + x], "pixel " + x + "," + y);
				if (seen.size() >= 2) heavy++;
			}
		// both contacts span rows 0-11 (8 rows of nuclei and 2 either side): columns 8-11 at the touch, the gap's 18-19
		assertEquals(12 * 4 + 12 * 2, heavy);
		assertEquals(1f, weight[15 * w + 33]);
	}

	@Test
	void weightOneLeavesEveryPixelAlike() {
		int[] labels = { 1, 2, 0, 3 };
		for (float v : ContactWeight.of(labels, 4, 1, 1f)) assertEquals(1f, v);
	}
}
