package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelImageTest {

	@Test
	void fillsEnclosedHolesButNotBorderRegionsOrGapsBetweenObjects() {
		int[] l = {
				0, 0, 0, 0, 0, 0, 0,
				0, 1, 1, 1, 2, 2, 0,
				0, 1, 0, 1, 2, 0, 2,
				0, 1, 1, 1, 2, 2, 2,
				0, 0, 0, 0, 0, 0, 0 };
		LabelImage img = new LabelImage(7, 5, l.clone(), 2).fillHoles();
		assertEquals(1, img.labels()[2 * 7 + 2], "the hole inside object 1 is filled");
		assertEquals(2, img.labels()[2 * 7 + 5], "the hole inside object 2 is filled");
		assertEquals(0, img.labels()[0], "background touching the border stays");
	}

	@Test
	void holeBetweenTwoObjectsStaysBackground() {
		int[] l = {
				0, 0, 0, 0, 0,
				0, 1, 1, 2, 0,
				0, 1, 0, 2, 0,
				0, 1, 2, 2, 0,
				0, 0, 0, 0, 0 };
		LabelImage img = new LabelImage(5, 5, l.clone(), 2).fillHoles();
		assertEquals(0, img.labels()[2 * 5 + 2]);
	}

	@Test
	void sizeFilterRenumbersConsecutively() {
		int[] l = { 3, 3, 3, 0, 7, 0, 9, 9 };
		LabelImage img = new LabelImage(8, 1, l, 9).filterBySize(2, 100);
		assertArrayEquals(new int[] { 1, 1, 1, 0, 0, 0, 2, 2 }, img.labels());
		assertEquals(2, img.count());
	}

	/** Shrinking takes the label of most of each new pixel's area: a 4×4 block of 8 pixels of 1, 4 of 2 and 4 background is 1. */
	@Test
	void shrinkingTakesTheLabelOfMostOfThePixel() {
		int[] l = new int[8 * 4];
		for (int y = 0; y < 4; y++)
			for (int x = 0; x < 2; x++) l[y * 8 + x] = 1;
		for (int y = 0; y < 2; y++)
			for (int x = 2; x < 4; x++) l[y * 8 + x] = 2;
		for (int y = 0; y < 4; y++)
			for (int x = 5; x < 8; x++) l[y * 8 + x] = 3; // 12 of the second block's 16
		LabelImage small = new LabelImage(8, 4, l, 3).sampled(2, 1);
		// the pixel nearest the first block's centre, (2, 2), is background: nearest neighbour alone would lose object 1
		assertArrayEquals(new int[] { 1, 2 }, small.labels(), "object 1 from the first block, object 3 (renumbered 2) from the second");
	}

	/** Blocks of one label come back as that label at every whole factor, odd and even, and a tie goes to the centre pixel. */
	@Test
	void shrinkingReplicatedBlocksGivesTheOriginal() {
		int w = 9, h = 7;
		int[] original = new int[w * h];
		for (int i = 0; i < original.length; i++) original[i] = i + 1; // every pixel its own object
		for (int k = 2; k <= 8; k++) {
			int[] big = new int[w * k * h * k];
			for (int y = 0; y < h * k; y++)
				for (int x = 0; x < w * k; x++) big[y * w * k + x] = original[(y / k) * w + x / k];
			assertArrayEquals(original, new LabelImage(w * k, h * k, big, w * h).sampled(w, h).labels(), "×" + k);
		}
		int[] half = { 1, 1, 2, 2 }; // a 4×1 row shrunk to 1 pixel: two votes each, the nearest pixel (index 2) wins
		assertEquals(1, new LabelImage(4, 1, half, 2).sampled(1, 1).count());
		assertEquals(1, new LabelImage(4, 1, new int[] { 0, 0, 5, 5 }, 5).sampled(1, 1).labels()[0], "the centre pixel's 5 wins the tie");
	}
}
