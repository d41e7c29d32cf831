package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.tensor.Tensor;

/** Multi-scale detection maps boxes back to the original pixels; a stand-in network makes the expected boxes known. */
class GridDetectorTest {

	private final GridLayout layout = new GridLayout(List.of("a"), 16, 16);

	/** Puts one 32×32 object (b_W = b_H = ln 2) centred on the corner (16, 16) of cell (1, 1) of whatever input it gets; records the input sizes. */
	private final class OneObject implements Predictor {
		final List<int[]> sizes = new ArrayList<>();

		@Override
		public Tensor predict(Tensor input) {
			sizes.add(new int[] { input.h(), input.w() });
			int gh = input.h() / 16, gw = input.w() / 16, plane = gh * gw;
			float[] d = new float[layout.channels() * plane];
			for (int i = 0; i < plane; i++) d[i] = -30;
			int cell = gw + 1;
			d[cell] = 30;
			d[4 * plane + cell] = (float) Math.log(2);
			d[5 * plane + cell] = (float) Math.log(2);
			return new Tensor(d, 1, layout.channels(), gh, gw);
		}

		@Override public String describe() { return "one object"; }
	}

	@Test
	void boxesOfEachScaleMapBackToTheImage() {
		OneObject net = new OneObject();
		GridDetector detector = new GridDetector(net, layout, 0.5);
		RgbImage image = new RgbImage(256, 128, new float[3 * 256 * 128]);
		// at scale 1: input 128×64, object [0, 32]² there → [0, 64]² in the image
		List<Box> one = detector.detectAtScale(image, 1, 0.5);
		assertEquals(List.of(new Box("a", 1, 0, 0, 64, 64)).toString(), one.toString());
		// at scale 2: input 256×128 (the image's own size), object [0, 32]²
		List<Box> two = detector.detectAtScale(image, 2, 0.5);
		assertEquals(List.of(new Box("a", 1, 0, 0, 32, 32)).toString(), two.toString());
		// both scales with NMS: the boxes overlap with IoU 1/4, so both stay at threshold 0.5, one at 0.2
		assertEquals(2, detector.detect(image, new double[] { 1, 2 }, 1, 0.5, new NonMaxSuppression(0.5, 0.5, false)).size());
		assertEquals(1, detector.detect(image, new double[] { 1, 2 }, 1, 0.5, new NonMaxSuppression(0.5, 0.2, false)).size());
		assertEquals(64, net.sizes.get(0)[0]);
		assertEquals(128, net.sizes.get(0)[1]);
		assertEquals(128, net.sizes.get(1)[0]);
		assertEquals(256, net.sizes.get(1)[1]);
	}

	@Test
	void mirroredViewsMapTheirBoxesBack() {
		// the stand-in finds its object at the top left of whatever it sees: in the left–right mirror image that is the
		// original's top right, in the top–bottom one its bottom left, in both its bottom right
		GridDetector detector = new GridDetector(new OneObject(), layout, 0.5);
		RgbImage image = new RgbImage(256, 128, new float[3 * 256 * 128]);
		// each view finds a different box, so the passes' vote (ScoreVoting) lowers a score of 1 to √(1/2) with two views
		// and to √(1/4) with four: a threshold of 0.3 keeps them all
		NonMaxSuppression nms = new NonMaxSuppression(0.3, 0.5, false);
		List<String> two = detector.detect(image, new double[] { 1 }, 2, 0.3, nms).stream().map(b -> Math.round(b.x()) + "," + Math.round(b.y())).sorted().toList();
		assertEquals(List.of("0,0", "192,0"), two);
		List<String> four = detector.detect(image, new double[] { 1 }, 4, 0.3, nms).stream().map(b -> Math.round(b.x()) + "," + Math.round(b.y())).sorted().toList();
		assertEquals(List.of("0,0", "0,64", "192,0", "192,64"), four);
	}

	@Test
	void mirroringIsItsOwnInverse() {
		float[] p = new float[3 * 5 * 3];
		for (int i = 0; i < p.length; i++) p[i] = i;
		RgbImage image = new RgbImage(5, 3, p);
		assertEquals(p[0 * 15 + 0 * 5 + 4], image.flipped(true, false).get(0, 0, 0));
		assertEquals(p[2 * 15 + 2 * 5 + 1], image.flipped(false, true).get(2, 1, 0));
		assertEquals(java.util.Arrays.toString(p), java.util.Arrays.toString(image.flipped(true, true).flipped(true, true).planes()));
		Box b = new Box("a", 0.9, 1, 2, 3, 0.5);
		assertEquals(new Box("a", 0.9, 1, 0.5, 3, 0.5), b.flipped(true, true, 5, 3));
		assertEquals(b, b.flipped(true, false, 5, 3).flipped(true, false, 5, 3));
	}
}
