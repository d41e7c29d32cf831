package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

/**
 * {@link PlaneResize} against ImageJ: shrinking is ImageJ's averaging bilinear resize bit for bit; growing samples
 * ImageJ's own bilinear (maps) or bicubic (images) interpolation at exactly aligned pixel centres, and keeps a linear
 * ramp where it was.
 */
class PlaneResizeTest {

	static float[] imagej(float[] pixels, int width, int height, int newWidth, int newHeight) {
		FloatProcessor fp = new FloatProcessor(width, height, pixels.clone());
		fp.setInterpolationMethod(FloatProcessor.BILINEAR);
		return (float[]) fp.resize(newWidth, newHeight, true).getPixels();
	}

	/**
	 * The reference: ImageJ's resize for shrinking (and for one-pixel lines), then, along any growing axis, ImageJ's
	 * bilinear {@code getInterpolatedPixel} at source position (x + ½) / scale − ½, clamped to the image as ImageJ
	 * clamps.
	 */
	static float[] expected(float[] pixels, int width, int height, int newWidth, int newHeight) {
		if (newWidth <= width && newHeight <= height || width == 1 || height == 1) return imagej(pixels, width, height, newWidth, newHeight);
		int w = Math.min(width, newWidth), h = Math.min(height, newHeight);
		float[] shrunk = w == width && h == height ? pixels.clone() : imagej(pixels, width, height, w, h);
		if (w == 1 || h == 1) return imagej(shrunk, w, h, newWidth, newHeight);
		double xScale = (double) newWidth / w, yScale = (double) newHeight / h;
		FloatProcessor fp = new FloatProcessor(w, h, shrunk);
		fp.setInterpolationMethod(FloatProcessor.BILINEAR);
		float[] out = new float[newWidth * newHeight];
		for (int y = 0; y < newHeight; y++)
			for (int x = 0; x < newWidth; x++)
				out[y * newWidth + x] = (float) fp.getInterpolatedPixel(clamp((x + 0.5) / xScale - 0.5, w), clamp((y + 0.5) / yScale - 0.5, h));
		return out;
	}

	private static double clamp(double v, int size) { return v < 0 ? 0 : v >= size - 1 ? size - 1.001 : v; }

	/** Compares one case; returns 1 so callers can count them. */
	static int same(float[] pixels, int width, int height, int newWidth, int newHeight) {
		float[] expected = expected(pixels, width, height, newWidth, newHeight);
		float[] actual = PlaneResize.resize(pixels.clone(), width, height, newWidth, newHeight);
		String what = width + "×" + height + " → " + newWidth + "×" + newHeight;
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++)
			if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i]))
				fail(what + ": pixel " + i + " ImageJ " + expected[i] + " vs " + actual[i]);
		return 1;
	}

	/** Enlarging a linear ramp gives the ramp's value at each output pixel's centre, at any factor (inside the border). */
	@Test
	void enlargingKeepsContentInPlace() {
		int w = 16, h = 12;
		float[] ramp = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) ramp[y * w + x] = 3f * x - 2f * y + 1;
		for (int factor : new int[] { 2, 3, 4, 5, 8 }) {
			int nw = w * factor, nh = h * factor;
			float[] big = PlaneResize.resize(ramp, w, h, nw, nh);
			for (int y = factor; y < nh - factor; y++)
				for (int x = factor; x < nw - factor; x++) {
					double sx = (x + 0.5) / factor - 0.5, sy = (y + 0.5) / factor - 0.5;
					assertEquals(3 * sx - 2 * sy + 1, big[y * nw + x], 1e-4, "×" + factor + " at (" + x + ", " + y + ")");
				}
		}
	}

	/**
	 * Images grow bicubic: inside the border (where ImageJ does not fall back to bilinear) the values are ImageJ's
	 * {@code getBicubicInterpolatedPixel} at the aligned centres; shrinking is the same averaging as for maps.
	 */
	@Test
	void imagesGrowBicubicAsImageJInterpolates() {
		Random r = new Random(8);
		int w = 23, h = 17;
		float[] p = random(r, w * h, true);
		FloatProcessor fp = new FloatProcessor(w, h, p.clone());
		int checked = 0;
		for (double f : new double[] { 1.3, 2, 3.7, 4, 8 }) {
			int nw = (int) Math.round(w * f), nh = (int) Math.round(h * f);
			float[] big = PlaneResize.resizeImage(p, w, h, nw, nh);
			for (int y = 0; y < nh; y++)
				for (int x = 0; x < nw; x++) {
					double sx = (x + 0.5) / ((double) nw / w) - 0.5, sy = (y + 0.5) / ((double) nh / h) - 0.5;
					if (Math.floor(sx) < 1 || Math.floor(sx) > w - 3 || Math.floor(sy) < 1 || Math.floor(sy) > h - 3) continue;
					double expected = fp.getBicubicInterpolatedPixel(sx, sy, fp);
					assertEquals(expected, big[y * nw + x], 1e-5 * Math.max(1, Math.abs(expected)), "×" + f + " at (" + x + ", " + y + ")");
					checked++;
				}
		}
		assertTrue(checked > 10_000, checked + " pixels checked");
		float[] down = PlaneResize.resizeImage(p, w, h, 11, 8), mapDown = PlaneResize.resize(p, w, h, 11, 8);
		for (int i = 0; i < down.length; i++) assertEquals(mapDown[i], down[i], 0f, "shrinking pixel " + i);
	}

	/** At the border the edge repeats: a constant stays constant and a ramp along x keeps its values along y. */
	@Test
	void bicubicBorderRepeatsTheEdge() {
		float[] flat = new float[9 * 6];
		java.util.Arrays.fill(flat, 2.5f);
		for (float v : PlaneResize.resizeImage(flat, 9, 6, 40, 27)) assertEquals(2.5f, v, 1e-6f);
		float[] ramp = new float[9 * 6];
		for (int i = 0; i < ramp.length; i++) ramp[i] = i % 9;
		float[] big = PlaneResize.resizeImage(ramp, 9, 6, 36, 24);
		for (int y = 1; y < 24; y++)
			for (int x = 0; x < 36; x++) assertEquals(big[x], big[y * 36 + x], 1e-6f, "column " + x + " row " + y);
		for (int x = 6; x <= 29; x++) assertEquals((x + 0.5) / 4 - 0.5, big[x], 1e-5, "a ramp is kept two pixels inside, column " + x);
	}

	/** At exactly 2× ImageJ's resize aligns the centres too, so there the two agree bit for bit. */
	@Test
	void doublingIsImageJsResize() {
		Random r = new Random(3);
		for (int[] s : new int[][] { { 64, 64 }, { 37, 101 }, { 2, 2 } }) {
			float[] p = random(r, s[0] * s[1], true);
			float[] ours = PlaneResize.resize(p, s[0], s[1], 2 * s[0], 2 * s[1]), theirs = imagej(p, s[0], s[1], 2 * s[0], 2 * s[1]);
			for (int i = 0; i < ours.length; i++) assertEquals(theirs[i], ours[i], 0f, s[0] + "×" + s[1] + " pixel " + i);
		}
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
