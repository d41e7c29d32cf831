package sc.fiji.convnet.filters;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import sc.fiji.convnet.ij.PlaneResampling;
import sc.fiji.convnet.tensor.Tensor;

class PoolingTest {

	/** Visits every input pixel and offers it to each window that contains it. */
	private static double[] naive(float[] img, int w, int h, int size, int stride, boolean max, int[] outSize) {
		int ow = 0, oh = 0;
		while (ow * stride + size <= w) ow++;
		while (oh * stride + size <= h) oh++;
		double[] r = new double[ow * oh];
		java.util.Arrays.fill(r, max ? Double.NEGATIVE_INFINITY : 0);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int oy = 0; oy < oh; oy++)
					for (int ox = 0; ox < ow; ox++) {
						boolean inside = x >= ox * stride && x < ox * stride + size && y >= oy * stride && y < oy * stride + size;
						if (!inside) continue;
						int o = oy * ow + ox;
						r[o] = max ? Math.max(r[o], img[y * w + x]) : r[o] + img[y * w + x] / (double) (size * size);
					}
		outSize[0] = ow;
		outSize[1] = oh;
		return r;
	}

	@ParameterizedTest(name = "{0}×{1} image, window {2}, stride {3}")
	@CsvSource({ "8,8,2,2", "9,7,2,2", "13,11,3,2", "10,10,3,3", "11,9,2,3", "7,7,7,1", "6,5,1,1" })
	void maxAndAverageMatchANaiveLoop(int w, int h, int size, int stride) {
		Random rnd = new Random(w * 100 + h + size * 7 + stride);
		FloatProcessor img = TestImages.randomFloat(rnd, w, h);
		int[] sz = new int[2];
		for (boolean max : new boolean[] { true, false }) {
			double[] expected = naive((float[]) img.getPixels(), w, h, size, stride, max, sz);
			FloatProcessor out = max ? PlaneResampling.max(img, size, stride) : PlaneResampling.average(img, size, stride);
			assertEquals(sz[0], out.getWidth());
			assertEquals(sz[1], out.getHeight());
			float[] a = (float[]) out.getPixels();
			for (int i = 0; i < expected.length; i++) assertEquals(expected[i], a[i], 1e-6, (max ? "max " : "avg ") + i);
		}
	}

	@Test
	void stacksTensorsAndSixteenBit() {
		Random rnd = new Random(1);
		ImageStack s = new ImageStack(9, 6);
		s.addSlice("a", TestImages.randomFloat(rnd, 9, 6));
		s.addSlice("b", TestImages.randomFloat(rnd, 9, 6));
		ImageStack out = PlaneResampling.pool(s, Pooling.Mode.MAX, 2, 2);
		assertEquals("b", out.getSliceLabel(2));
		assertArrayEquals((float[]) PlaneResampling.max(s.getProcessor(2), 2, 2).getPixels(), (float[]) out.getPixels(2));

		float[] both = new float[2 * 54];
		System.arraycopy(s.getPixels(1), 0, both, 0, 54);
		System.arraycopy(s.getPixels(2), 0, both, 54, 54);
		Tensor t = Pooling.pool(new Tensor(both, 2, 1, 6, 9), Pooling.Mode.AVERAGE, 3, 3);
		assertArrayEquals(new int[] { 2, 1, 2, 3 }, t.shape());
		float[] second = (float[]) PlaneResampling.average(s.getProcessor(2), 3, 3).getPixels();
		for (int i = 0; i < 6; i++) assertEquals(second[i], t.data()[6 + i], 0);

		ShortProcessor sp = new ShortProcessor(2, 2, new short[] { (short) 60000, 1, 2, 3 }, null);
		assertEquals(60000f, PlaneResampling.max(sp, 2, 2).getf(0), 0);
	}

	@Test
	void badWindowsAreExplained() {
		FloatProcessor img = new FloatProcessor(4, 3);
		var e = assertThrows(IllegalArgumentException.class, () -> PlaneResampling.max(img, 4, 1));
		assertTrue(e.getMessage().contains("Pooling") && e.getMessage().contains("4×3"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> PlaneResampling.average(img, 2, 0));
		assertTrue(e.getMessage().contains("stride 0"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Pooling.pool(Tensor.zeros(4, 4), Pooling.Mode.MAX, 2, 2));
	}
}
