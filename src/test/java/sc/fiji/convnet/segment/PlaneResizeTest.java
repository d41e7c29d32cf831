package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.process.FloatProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.segment.train.NucleiSample;

/** {@link PlaneResize} gives ImageJ's averaging bilinear resize bit for bit (ImageJ is the reference here). */
class PlaneResizeTest {

	static float[] imagej(float[] pixels, int width, int height, int newWidth, int newHeight) {
		FloatProcessor fp = new FloatProcessor(width, height, pixels.clone());
		fp.setInterpolationMethod(FloatProcessor.BILINEAR);
		return (float[]) fp.resize(newWidth, newHeight, true).getPixels();
	}

	/** Compares one case; returns 1 so callers can count them. */
	static int same(float[] pixels, int width, int height, int newWidth, int newHeight) {
		float[] expected = imagej(pixels, width, height, newWidth, newHeight);
		float[] actual = PlaneResize.resize(pixels.clone(), width, height, newWidth, newHeight);
		String what = width + "×" + height + " → " + newWidth + "×" + newHeight;
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++)
			if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i]))
				fail(what + ": pixel " + i + " ImageJ " + expected[i] + " vs " + actual[i]);
		return 1;
	}

	private static float[] random(Random r, int n, boolean gaussian) {
		float[] p = new float[n];
		for (int i = 0; i < n; i++) p[i] = gaussian ? (float) (r.nextGaussian() * 3 + 1) : r.nextFloat();
		return p;
	}

	private static final double[] FACTORS = { 0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 2.5, 3, 4, 1 / 3.0, 2 / 3.0, 0.37, 1.73 };

	@Test
	void randomPlanesAtManyFactorsAndOddSizes() {
		Random r = new Random(12);
		int cases = 0;
		int[][] sizes = { { 64, 64 }, { 65, 63 }, { 101, 37 }, { 17, 129 }, { 256, 255 }, { 7, 9 }, { 2, 2 }, { 3, 50 }, { 520, 696 } };
		for (int[] s : sizes) {
			float[] p = random(r, s[0] * s[1], cases % 2 == 0);
			for (double fx : FACTORS)
				for (double fy : new double[] { fx, 1, 0.5, 2, 0.8 }) {
					int nw = Math.max(1, (int) Math.round(s[0] * fx)), nh = Math.max(1, (int) Math.round(s[1] * fy));
					cases += same(p, s[0], s[1], nw, nh);
				}
		}
		for (int k = 0; k < 300; k++) { // arbitrary sizes and ratios, mixed up/down per axis
			int w = 1 + r.nextInt(120), h = 1 + r.nextInt(120);
			int nw = 1 + r.nextInt(200), nh = 1 + r.nextInt(200);
			cases += same(random(r, w * h, k % 2 == 0), w, h, nw, nh);
		}
		assertEquals(9 * FACTORS.length * 5 + 300, cases);
	}

	@Test
	void lineShapedPlanesNanAndConstants() {
		Random r = new Random(5);
		int[][] cases = { { 1, 1, 3, 3 }, { 1, 10, 1, 20 }, { 1, 10, 4, 5 }, { 10, 1, 20, 3 }, { 10, 1, 5, 3 }, { 9, 1, 3, 1 }, { 1, 9, 1, 4 },
				{ 12, 12, 1, 1 }, { 12, 12, 1, 30 }, { 12, 12, 30, 1 }, { 2, 3, 5, 1 }, { 40, 2, 13, 9 } };
		for (int[] c : cases) same(random(r, c[0] * c[1], false), c[0], c[1], c[2], c[3]);
		float[] flat = new float[33 * 21];
		java.util.Arrays.fill(flat, 0.7f);
		same(flat, 33, 21, 8, 5);
		same(flat, 33, 21, 66, 42);
		float[] nan = random(r, 30 * 30, true);
		for (int i = 0; i < nan.length; i += 7) nan[i] = Float.NaN;
		same(nan, 30, 30, 60, 45);
		same(nan, 30, 30, 15, 12);
		same(nan, 30, 30, 45, 12);
	}

	/** Real fluorescence images at the model-scale factors segmentation uses, and back. */
	@Test
	void realNucleiImages() throws Exception {
		Path data = Path.of("..", "shared", "data", "nuclei-dsb2018");
		assumeTrue(Files.isDirectory(data), "../shared/data/nuclei-dsb2018 is absent: skipped");
		List<NucleiSample> val = NucleiDataset.load(data, "val");
		int cases = 0;
		for (NucleiSample s : val.subList(0, Math.min(5, val.size()))) {
			for (double scale : new double[] { 0.25, 0.5, 0.8, 1.25, 2, 4, 0.613, 1.377 }) {
				int sw = Math.max(1, (int) Math.round(s.width() * scale)), sh = Math.max(1, (int) Math.round(s.height() * scale));
				cases += same(s.pixels(), s.width(), s.height(), sw, sh);
				float[] down = PlaneResize.resize(s.pixels(), s.width(), s.height(), sw, sh);
				cases += same(down, sw, sh, s.width(), s.height());
			}
		}
		assertEquals(Math.min(5, val.size()) * 16, cases);
	}
}
