package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Greedy NMS on small cases whose outcome follows from the IoUs by hand. */
class NonMaxSuppressionTest {

	// a and b: IoU 1/3 (10×10 shifted by 5); a and c: IoU 81/119 ≈ 0.68 (shifted by 1,1); d far away
	private final Box a = new Box("RBC", 0.9, 0, 0, 10, 10);
	private final Box b = new Box("RBC", 0.8, 5, 0, 10, 10);
	private final Box c = new Box("RBC", 0.7, 1, 1, 10, 10);
	private final Box d = new Box("RBC", 0.6, 50, 50, 10, 10);

	@Test
	void suppressesOnlyAboveTheIouThreshold() {
		assertEquals(List.of(a, b, d), new NonMaxSuppression(0, 0.5, false).apply(List.of(d, c, b, a)));
		assertEquals(List.of(a, d), new NonMaxSuppression(0, 0.3, false).apply(List.of(d, c, b, a)));
	}

	@Test
	void iouEqualToTheThresholdIsKept() {
		assertEquals(List.of(a, b, d), new NonMaxSuppression(0, 1.0 / 3, false).apply(List.of(a, b, d)));
	}

	@Test
	void suppressedBoxesSuppressNothing() {
		// p overlaps q (IoU 1/3), q overlaps r (IoU 1/3), p and r are disjoint: q goes, r stays
		Box p = new Box("x", 0.9, 0, 0, 10, 10), q = new Box("x", 0.8, 5, 0, 10, 10), r = new Box("x", 0.7, 10, 0, 10, 10);
		assertEquals(List.of(p, r), new NonMaxSuppression(0, 0.3, false).apply(List.of(r, q, p)));
	}

	@Test
	void scoreThresholdComesFirst() {
		// a is below the threshold, so it cannot suppress c
		assertEquals(List.of(b), new NonMaxSuppression(0.75, 0.5, false).apply(List.of(a.withScore(0.5), b, c.withScore(0.74))));
		assertEquals(List.of(b, c), new NonMaxSuppression(0.7, 0.5, false).apply(List.of(a.withScore(0.5), b, c)));
	}

	@Test
	void perClassVersusClassAgnostic() {
		Box wbc = c.withLabel("WBC");
		assertEquals(List.of(a, wbc), new NonMaxSuppression(0, 0.5, false).apply(List.of(a, wbc)), "other classes never suppress");
		assertEquals(List.of(a), new NonMaxSuppression(0, 0.5, true).apply(List.of(a, wbc)), "class-agnostic suppresses across classes");
	}

	@Test
	void maxDetectionsKeepsTheBest() {
		assertEquals(List.of(a, b), new NonMaxSuppression(0, 0.5, false, 2).apply(List.of(d, b, a)));
	}

	@Test
	void rejectsBadThresholds() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(0, 1.5, false));
		assertEquals(true, e.getMessage().contains("1.5"));
	}
}
