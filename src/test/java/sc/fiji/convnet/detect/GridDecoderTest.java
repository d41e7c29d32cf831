package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.train.GridTargets;
import sc.fiji.convnet.tensor.Tensor;

class GridDecoderTest {

	private final GridLayout layout = new GridLayout(List.of("Platelets", "RBC", "WBC"), 16, 32);

	@Test
	void decodesOneCellByHand() {
		int gh = 3, gw = 4, plane = gh * gw;
		float[] d = new float[layout.channels() * plane];
		java.util.Arrays.fill(d, 0, plane, -20); // objectness ≈ 0 everywhere
		int cell = 1 * gw + 2; // column 2, row 1
		d[cell] = 0; // σ(0) = 0.5
		d[2 * plane + cell] = (float) Math.log(3); // RBC: softmax (1, 3, 1)/5 → 0.6
		d[4 * plane + cell] = 0.5f;
		d[5 * plane + cell] = 0.25f;
		d[6 * plane + cell] = (float) Math.log(2); // width 64
		d[7 * plane + cell] = 0; // height 32
		List<Box> boxes = new GridDecoder(layout).decode(new Tensor(d, 1, layout.channels(), gh, gw), 0, 0.1);
		assertEquals(1, boxes.size());
		Box b = boxes.get(0);
		assertEquals("RBC", b.label());
		assertEquals(0.5 * 0.6, b.score(), 1e-6);
		// centre ((2 + 0.5)·16, (1 + 0.25)·16) = (40, 20); size 64×32
		assertEquals(40 - 32, b.x(), 1e-4);
		assertEquals(20 - 16, b.y(), 1e-4);
		assertEquals(64, b.width(), 1e-4);
		assertEquals(32, b.height(), 1e-4);
	}

	@Test
	void targetsDecodeToTheEncodedBoxes() {
		List<Box> truth = List.of(new Box("WBC", 1, 10, 20, 70, 60), new Box("Platelets", 1, 100, 5, 14, 18), new Box("RBC", 1, 40, 90, 50, 45));
		int gh = 8, gw = 10;
		float[] t = new float[layout.channels() * gh * gw];
		GridTargets.encode(layout, truth, gh, gw, t, 0);
		// targets as logits: objectness 1 → +30, 0 → −30; one-hot classes → ±30
		int plane = gh * gw;
		for (int i = 0; i < (1 + 3) * plane; i++) t[i] = t[i] > 0.5f ? 30 : -30;
		List<Box> decoded = new NonMaxSuppression(0.5, 0.5, false).apply(new GridDecoder(layout).decode(new Tensor(t, 1, layout.channels(), gh, gw), 0, 0.5));
		assertEquals(3, decoded.size());
		for (Box want : truth) {
			Box got = decoded.stream().filter(b -> b.label().equals(want.label())).findFirst().orElseThrow();
			assertEquals(want.x(), got.x(), 1e-3);
			assertEquals(want.y(), got.y(), 1e-3);
			assertEquals(want.width(), got.width(), 1e-3);
			assertEquals(want.height(), got.height(), 1e-3);
			assertEquals(1.0, got.score(), 1e-6);
		}
	}

	@Test
	void wrongChannelCountNamesTheShapes() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new GridDecoder(layout).decode(Tensor.zeros(1, 5, 2, 2), 0, 0.1));
		assertEquals(true, e.getMessage().contains("[1, 5, 2, 2]") && e.getMessage().contains("8"), e.getMessage());
	}
}
