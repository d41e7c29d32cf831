package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeededWatershedTest {

	/** A ridge of high cost between two seeds: each side floods from its own seed and meets on the ridge. */
	@Test
	void floodsMeetAtTheCostRidge() {
		int w = 11, h = 3;
		int[] seeds = new int[w * h];
		seeds[w + 0] = 1;
		seeds[w + 10] = 2;
		float[] cost = new float[w * h];
		boolean[] mask = new boolean[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				cost[y * w + x] = x == 7 ? 10 : 0;
				mask[y * w + x] = true;
			}
		SeededWatershed.flood(w, h, seeds, cost, mask);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < 7; x++) assertEquals(1, seeds[y * w + x], "x=" + x);
			for (int x = 8; x < w; x++) assertEquals(2, seeds[y * w + x], "x=" + x);
		}
	}

	@Test
	void pixelsOutsideTheMaskStayBackground() {
		int w = 5, h = 1;
		int[] seeds = { 1, 0, 0, 0, 0 };
		boolean[] mask = { true, true, false, true, true };
		SeededWatershed.flood(w, h, seeds, new float[5], mask);
		assertEquals(1, seeds[1]);
		assertEquals(0, seeds[2]);
		assertEquals(0, seeds[3], "not reachable from a seed");
	}
}
