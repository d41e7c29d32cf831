package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmenterTest {

	/**
	 * Coarsening 4 times wipes out detail finer than the coarse pixels (a one-pixel checkerboard goes flat, its
	 * mean kept) but keeps what is coarser (a slow ramp stays within a few hundredths), in the plane at the offset only.
	 */
	@Test
	void coarseningRemovesDetailFinerThanTheCoarsePixels() {
		int size = 64, offset = size * size;
		float[] image = new float[3 * size * size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				image[offset + y * size + x] = (x + y) % 2;
				image[2 * offset + y * size + x] = x / (float) size;
			}
		float[] before = image.clone();
		Augmenter.coarsen(image, offset, size, 4);
		Augmenter.coarsen(image, 2 * offset, size, 4);
		for (int i = 0; i < offset; i++) assertTrue(image[i] == before[i], "plane before the offset untouched at " + i);
		for (int y = 4; y < size - 4; y++)
			for (int x = 4; x < size - 4; x++) {
				float checker = image[offset + y * size + x], ramp = image[2 * offset + y * size + x];
				assertTrue(Math.abs(checker - 0.5f) < 0.1f, "checkerboard at " + x + "," + y + ": " + checker);
				assertTrue(Math.abs(ramp - before[2 * offset + y * size + x]) < 0.03f, "ramp at " + x + "," + y + ": " + ramp);
			}
	}
}
