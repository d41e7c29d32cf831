package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.ExternalDecoders.BoxOrder;
import sc.fiji.convnet.tensor.Tensor;

class ExternalDecodersTest {

	private final List<String> classes = List.of("cat", "dog");

	@Test
	void n6RowsBecomeBoxes() {
		Tensor t = new Tensor(new float[] { 10, 20, 50, 80, 0.9f, 1, 5, 5, 1, 1, 0.05f, 0, 30, 40, 10, 10, 0.6f, 7 }, 1, 3, 6);
		List<Box> boxes = ExternalDecoders.n6(t, classes, 0.1);
		assertEquals(List.of(new Box("dog", 0.9f, 10, 20, 40, 60), new Box("7", 0.6f, 10, 10, 20, 30)), boxes,
				"low score dropped, swapped corners ordered, unknown class index kept as its number");
	}

	@Test
	void boxesAndScoresGiveOneDetectionPerClassAboveTheThreshold() {
		Tensor boxes = new Tensor(new float[] { 0.1f, 0.2f, 0.5f, 0.6f, 0, 0, 0.5f, 0.5f }, 2, 4);
		Tensor scores = new Tensor(new float[] { 0.1f, 0.7f, 0.2f, 0.9f, 0.05f, 0.05f }, 1, 2, 3);
		List<Box> out = ExternalDecoders.boxesAndScores(boxes, scores, BoxOrder.YXYX, classes, true, 0.15, 100, 200);
		// box 0 (y1 .1, x1 .2, y2 .5, x2 .6) → x 20..60 of 100, y 20..100 of 200; cat .7 and dog .2; box 1 is background
		assertEquals(2, out.size());
		assertEquals(new Box("cat", 0.7f, 20, 20, 40, 80).toString(), out.get(0).toString());
		assertEquals("dog", out.get(1).label());
	}

	@Test
	void centreSizeOrder() {
		Tensor boxes = new Tensor(new float[] { 50, 40, 20, 10 }, 1, 4);
		Tensor scores = new Tensor(new float[] { 0.8f, 0.3f }, 1, 2);
		List<Box> out = ExternalDecoders.boxesAndScores(boxes, scores, BoxOrder.CXCYWH, classes, false, 0.5, 0, 0);
		assertEquals(List.of(new Box("cat", 0.8f, 40, 35, 20, 10)), out);
	}

	@Test
	void mismatchedShapesAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> ExternalDecoders.boxesAndScores(Tensor.zeros(3, 4), Tensor.zeros(2, 2), BoxOrder.XYXY, classes, false, 0, 0, 0));
		assertEquals(true, e.getMessage().contains("[2, 2]") && e.getMessage().contains("[3, 4]"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> ExternalDecoders.n6(Tensor.zeros(2, 5), classes, 0));
	}
}
