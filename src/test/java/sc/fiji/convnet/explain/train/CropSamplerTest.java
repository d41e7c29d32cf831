package sc.fiji.convnet.explain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.RgbImage;

class CropSamplerTest {

	private static RgbImage noise(int w, int h, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] p = new float[3 * w * h];
		for (int i = 0; i < p.length; i++) p[i] = (float) r.nextDouble();
		return new RgbImage(w, h, p);
	}

	/** Without augmentation a crop centred between pixels is exactly the image's pixels, channel by channel. */
	@Test
	void plainCropCopiesThePixels() {
		RgbImage im = noise(40, 30, 1);
		int size = 8;
		float[] out = new float[2 * 3 * size * size];
		new CropSampler(size, 5).sample(im, new CellCrop(0, 20.5, 12.5, 10, 1), null, out, 1);
		float[] expected = new float[3 * size * size];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) expected[(c * size + y) * size + x] = im.get(c, 17 + x, 9 + y);
		assertArrayEquals(expected, Arrays.copyOfRange(out, 3 * size * size, 6 * size * size), 1e-6f);
		for (int i = 0; i < 3 * size * size; i++) assertEquals(0f, out[i], "slot 0 untouched");
	}

	/** Augmented crops stay in [0, 1], differ from the plain crop, and repeat for the same seed. */
	@Test
	void augmentedCropsAreBoundedAndSeeded() {
		RgbImage im = noise(64, 64, 2);
		CropSampler s = new CropSampler(16, 4);
		CellCrop crop = new CellCrop(0, 32, 32, 20, 0);
		float[] plain = new float[3 * 256], a = new float[3 * 256], b = new float[3 * 256];
		s.sample(im, crop, null, plain, 0);
		s.sample(im, crop, new SplittableRandom(9), a, 0);
		s.sample(im, crop, new SplittableRandom(9), b, 0);
		assertArrayEquals(a, b);
		assertFalse(Arrays.equals(plain, a));
		for (float v : a) assertTrue(v >= 0 && v <= 1, "value " + v);
	}
}
