package sc.fiji.convnet.filters;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.ImageStack;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ij.PlaneResampling;
import sc.fiji.convnet.tensor.Tensor;

class UpsamplingTest {

	@Test
	void nearestMakesBlocksThatPoolBackToTheOriginal() {
		Random rnd = new Random(3);
		FloatProcessor img = TestImages.randomFloat(rnd, 7, 5);
		for (int f : new int[] { 1, 2, 3 }) {
			FloatProcessor up = PlaneResampling.nearest(img, f);
			assertEquals(7 * f, up.getWidth());
			assertEquals(5 * f, up.getHeight());
			assertArrayEquals((float[]) img.getPixels(), (float[]) PlaneResampling.max(up, f, f).getPixels(), "max of each block");
			// every block is constant: max = −max(−x)
			FloatProcessor neg = (FloatProcessor) up.duplicate();
			neg.multiply(-1);
			float[] mins = (float[]) PlaneResampling.max(neg, f, f).getPixels();
			for (int i = 0; i < mins.length; i++) assertEquals(-img.getf(i), mins[i], 0);
		}
	}

	@Test
	void bilinearReproducesALinearRampInTheInterior() {
		int w = 9, h = 6;
		double a = 3, bx = 0.75, by = -1.25;
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) v[y * w + x] = (float) (a + bx * x + by * y);
		FloatProcessor img = new FloatProcessor(w, h, v);
		for (int f : new int[] { 2, 3, 4 }) {
			FloatProcessor up = PlaneResampling.bilinear(img, f);
			int interior = 0;
			for (int oy = 0; oy < h * f; oy++)
				for (int ox = 0; ox < w * f; ox++) {
					double sx = (ox + 0.5) / f - 0.5, sy = (oy + 0.5) / f - 0.5;
					double clampedX = Math.min(Math.max(sx, 0), w - 1), clampedY = Math.min(Math.max(sy, 0), h - 1);
					// inside: the plane itself; at the rim: the plane at the nearest edge position
					assertEquals(a + bx * clampedX + by * clampedY, up.getf(ox, oy), 1e-5, "factor " + f + " at (" + ox + ", " + oy + ")");
					if (sx == clampedX && sy == clampedY) interior++;
				}
			assertTrue(interior > (w * f) * (h * f) / 2, "most pixels are interior");
		}
		// factor 1 changes nothing
		assertArrayEquals(v, (float[]) PlaneResampling.bilinear(img, 1).getPixels());
	}

	@Test
	void stacksAndTensorsAndAnisotropicFactors() {
		Random rnd = new Random(5);
		ImageStack s = new ImageStack(4, 3);
		s.addSlice("x", TestImages.randomFloat(rnd, 4, 3));
		s.addSlice("y", TestImages.randomFloat(rnd, 4, 3));
		ImageStack up = PlaneResampling.upsample(s, Upsampling.Method.BILINEAR, 2, 3);
		assertEquals(12, up.getWidth());
		assertEquals(6, up.getHeight());
		assertEquals("y", up.getSliceLabel(2));
		assertArrayEquals((float[]) PlaneResampling.upsample(s.getProcessor(2), Upsampling.Method.BILINEAR, 2, 3).getPixels(), (float[]) up.getPixels(2));
		Tensor t = Upsampling.upsample(Tensor.zeros(1, 2, 3, 4), Upsampling.Method.NEAREST, 2, 2);
		assertArrayEquals(new int[] { 1, 2, 6, 8 }, t.shape());
		var e = assertThrows(IllegalArgumentException.class, () -> PlaneResampling.nearest(s.getProcessor(1), 0));
		assertTrue(e.getMessage().contains("Upsampling"), e.getMessage());
	}
}
