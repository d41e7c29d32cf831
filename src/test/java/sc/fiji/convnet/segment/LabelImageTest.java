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
}
