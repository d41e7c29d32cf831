package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistanceTargetTest {

	/** A disc of radius 10 and a square of side 5, apart: each peaks at 1 in its centre, falls to its edge, 0 outside. */
	@Test
	void eachNucleusPeaksAtOneInItsCentre() {
		int w = 40, h = 30;
		int[] labels = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (Math.hypot(x - 12, y - 15) <= 10) labels[y * w + x] = 1;
				if (x >= 30 && x < 35 && y >= 5 && y < 10) labels[y * w + x] = 2;
			}
		float[] d = DistanceTarget.of(labels, w, h);
		assertEquals(1f, d[15 * w + 12], 1e-6, "disc centre");
		assertEquals(1f, d[7 * w + 32], 1e-6, "square centre");
		assertEquals(0f, d[0], 0, "background");
		// the disc's edge pixel lies half a pixel out of a centre ~10 px deep
		float edge = d[15 * w + 2], halfway = d[15 * w + 7];
		assertTrue(edge > 0 && edge < 0.1, "edge " + edge);
		assertTrue(Math.abs(halfway - 0.5) < 0.1, "halfway " + halfway);
		for (int i = 0; i < d.length; i++) assertTrue(d[i] >= 0 && d[i] <= 1 && (labels[i] == 0) == (d[i] == 0), "pixel " + i);
	}

	/** Two rectangles touching along a column: the distance drops to its edge value on both sides of the contact. */
	@Test
	void touchingNucleiMeetAtALowRidge() {
		int w = 30, h = 12;
		int[] labels = new int[w * h];
		for (int y = 1; y < 11; y++)
			for (int x = 1; x < 29; x++) labels[y * w + x] = x < 15 ? 1 : 2;
		float[] d = DistanceTarget.of(labels, w, h);
		float left = d[6 * w + 14], right = d[6 * w + 15], centre = d[6 * w + 8];
		assertTrue(left < 0.2 && right < 0.2, "contact " + left + ", " + right);
		assertEquals(1f, Math.max(centre, d[5 * w + 8]), 1e-6);
	}
}
