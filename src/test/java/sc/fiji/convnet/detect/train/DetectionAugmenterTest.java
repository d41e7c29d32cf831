package sc.fiji.convnet.detect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;

/** The boxes follow the pixels: a bright rectangle's box must land where the rectangle shows in the crop. */
class DetectionAugmenterTest {

	@Test
	void boxesFollowFlipsTransposeAndScale() {
		int w = 120, h = 100;
		float[] p = new float[3 * w * h];
		Box rect = new Box("r", 1, 40, 30, 36, 20);
		for (int c = 0; c < 3; c++)
			for (int y = 30; y < 50; y++)
				for (int x = 40; x < 76; x++) p[c * w * h + y * w + x] = 1;
		RgbImage image = new RgbImage(w, h, p);
		int size = 64;
		DetectionAugmenter aug = new DetectionAugmenter(size, 0.7, 1.3);
		SplittableRandom rng = new SplittableRandom(11);
		int checked = 0;
		for (int trial = 0; trial < 60; trial++) {
			float[] input = new float[3 * size * size];
			List<Box> boxes = aug.crop(image, List.of(rect), rng, input, 0);
			if (boxes.size() != 1) continue;
			Box b = boxes.get(0);
			if (b.x() < 2 || b.y() < 2 || b.x2() > size - 2 || b.y2() > size - 2) continue; // rectangle must be inside the crop
			// the rectangle's extent in the crop: pixels brighter than halfway between its brightness and the background's
			int x1 = size, y1 = size, x2 = -1, y2 = -1;
			double mid = (max(input) + min(input)) / 2;
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					if (input[y * size + x] > mid) { x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x + 1); y2 = Math.max(y2, y + 1); }
			assertEquals(b.x(), x1, 1.0, "left edge, trial " + trial);
			assertEquals(b.y(), y1, 1.0, "top edge, trial " + trial);
			assertEquals(b.x2(), x2, 1.0, "right edge, trial " + trial);
			assertEquals(b.y2(), y2, 1.0, "bottom edge, trial " + trial);
			checked++;
		}
		assertEquals(true, checked >= 10, "enough crops held the whole rectangle: " + checked);
	}

	@Test
	void focusedCropsAlwaysHoldTheFocusBox() {
		int w = 480, h = 360;
		RgbImage image = new RgbImage(w, h, new float[3 * w * h]);
		Box small = new Box("Platelets", 1, 400, 20, 24, 22), big = new Box("RBC", 1, 60, 200, 80, 76);
		DetectionAugmenter aug = new DetectionAugmenter(128, 0.7, 1.4);
		SplittableRandom rng = new SplittableRandom(3);
		for (int trial = 0; trial < 100; trial++) {
			List<Box> out = aug.crop(image, List.of(small, big), small, rng, new float[3 * 128 * 128], 0);
			assertEquals(true, out.stream().anyMatch(b -> b.label().equals("Platelets")), "trial " + trial + ": " + out);
		}
	}

	private static double max(float[] a) { double m = -1e9; for (int i = 0; i < a.length / 3; i++) m = Math.max(m, a[i]); return m; }
	private static double min(float[] a) { double m = 1e9; for (int i = 0; i < a.length / 3; i++) m = Math.min(m, a[i]); return m; }
}
