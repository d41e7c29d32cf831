package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** IoU against areas worked out by hand. */
class IouTest {

	private static Box box(double x, double y, double w, double h) { return new Box("a", 1, x, y, w, h); }

	@Test
	void identicalBoxesGiveOne() {
		assertEquals(1.0, Iou.of(box(3, 4, 10, 20), box(3, 4, 10, 20)), 1e-12);
	}

	@Test
	void disjointAndTouchingBoxesGiveZero() {
		assertEquals(0.0, Iou.of(box(0, 0, 2, 2), box(5, 5, 2, 2)));
		assertEquals(0.0, Iou.of(box(0, 0, 2, 2), box(2, 0, 2, 2)), "sharing an edge has no area in common");
	}

	@Test
	void diagonalOverlapIsOneSeventh() {
		// [0,2]² and [1,3]²: intersection 1, union 4 + 4 − 1 = 7
		assertEquals(1.0 / 7, Iou.of(box(0, 0, 2, 2), box(1, 1, 2, 2)), 1e-12);
		assertEquals(1.0 / 7, Iou.of(box(1, 1, 2, 2), box(0, 0, 2, 2)), 1e-12, "symmetric");
	}

	@Test
	void containedBoxGivesAreaRatio() {
		assertEquals(1.0 / 16, Iou.of(box(0, 0, 4, 4), box(1, 1, 1, 1)), 1e-12);
	}

	@Test
	void halfShiftedBoxGivesOneThird() {
		// 10×10 shifted by 5 in x: intersection 50, union 150
		assertEquals(1.0 / 3, box(0, 0, 10, 10).iou(box(5, 0, 10, 10)), 1e-12);
	}

	@Test
	void emptyBoxesGiveZero() {
		assertEquals(0.0, Iou.of(box(1, 1, 0, 0), box(1, 1, 0, 0)));
	}
}
