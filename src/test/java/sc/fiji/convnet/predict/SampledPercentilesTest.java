package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@link SampledPercentiles} against exact percentiles of every pixel (sorted in double precision, NumPy's
 * linear rule). Exact when the image has no more pixels than the sample allows; otherwise the returned
 * value's rank in the full image must be within {@code 4·sqrt(p(1−p)/n) + 2/n} of p (n samples), the
 * tolerance its javadoc documents.
 */
class SampledPercentilesTest {

	private static final double[] PERCENTS = { 0, 1, 5, 37.5, 50, 95, 99.8, 100 };

	private static double exact(double[] sorted, double p) {
		double pos = p / 100 * (sorted.length - 1);
		int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	private static double[] sortedValues(Img<FloatType> img, int channel) {
		long w = img.dimension(0), h = img.dimension(1);
		double[] v = new double[(int) (w * h)];
		RandomAccess<FloatType> ra = img.randomAccess();
		int k = 0;
		for (long y = 0; y < h; y++)
			for (long x = 0; x < w; x++) v[k++] = ra.setPositionAndGet(x, y, channel).get();
		Arrays.sort(v);
		return v;
	}

	private static Img<FloatType> noise(int w, int h, long seed) {
		Img<FloatType> img = ArrayImgs.floats(w, h, 2);
		SplittableRandom rng = new SplittableRandom(seed);
		RandomAccess<FloatType> ra = img.randomAccess();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float v = (float) -Math.log(1 - rng.nextDouble()) * 100; // exponential: a long bright tail like fluorescence
				ra.setPositionAndGet(x, y, 0).set(v);
				ra.setPositionAndGet(x, y, 1).set(10 * v + 5);
			}
		return img;
	}

	@Test
	void exactWhenEveryPixelFits() {
		Img<FloatType> img = noise(300, 211, 3);
		SampledPercentiles s = SampledPercentiles.of(img);
		assertEquals(1, s.stride());
		assertEquals(300 * 211, s.sampleCount());
		for (int c = 0; c < 2; c++) {
			double[] all = sortedValues(img, c);
			for (double p : PERCENTS) assertEquals(exact(all, p), s.percentile(c, p), 1e-9 * Math.max(1, Math.abs(exact(all, p))), "channel " + c + ", p " + p);
		}
	}

	@Test
	void sampledRanksWithinTolerance() {
		Img<FloatType> noisy = noise(1000, 800, 11);
		Img<FloatType> smooth = ArrayImgs.floats(1000, 800, 2);
		RandomAccess<FloatType> ra = smooth.randomAccess();
		for (int y = 0; y < 800; y++)
			for (int x = 0; x < 1000; x++) {
				double v = x + 0.5 * y + 300 * Math.exp(-((x - 400.0) * (x - 400) + (y - 300.0) * (y - 300)) / 5000);
				ra.setPositionAndGet(x, y, 0).set((float) v);
				ra.setPositionAndGet(x, y, 1).set((float) (2 * v));
			}
		for (Img<FloatType> img : java.util.List.of(noisy, smooth)) {
			SampledPercentiles s = SampledPercentiles.of(img, 10_000);
			assertEquals(9, s.stride()); // 125×100 points at stride 8 exceed 10,000; 112×89 at stride 9 do not
			int n = s.sampleCount();
			// centred grid, offset 4: x = 4, 13, …, 994 (111 points), y = 4, …, 796 (89 points)
			assertTrue(n <= 10_000 && n == 111 * 89, "samples " + n);
			for (int c = 0; c < 2; c++) {
				double[] all = sortedValues(img, c);
				for (double p : PERCENTS) {
					double v = s.percentile(c, p), q = p / 100;
					double tol = 4 * Math.sqrt(q * (1 - q) / n) + 2.0 / n;
					// rank of v in the full image, as the interval of fractions below and at or below it
					double below = lowerBound(all, v) / (double) all.length, atOrBelow = upperBound(all, v) / (double) all.length;
					assertTrue(atOrBelow >= q - tol && below <= q + tol, "channel " + c + " p " + p + ": value " + v + " has rank " + below + "…" + atOrBelow);
				}
			}
			assertEquals(s.percentile(1, 42), SampledPercentiles.of(img, 10_000).percentile(1, 42)); // deterministic
		}
	}

	@Test
	void fittedScaleRangeUsesThePercentiles() {
		Img<FloatType> img = noise(50, 40, 1);
		SampledPercentiles s = SampledPercentiles.of(img), second = SampledPercentiles.of(net.imglib2.view.Views.hyperSlice(img, 2, 1));
		assertEquals(s.percentile(1, 99.8), second.percentile(0, 99.8));
		FittedPreprocessing n = FittedPreprocessing.of(java.util.List.of(new sc.fiji.convnet.model.transform.ScaleRange(java.util.List.of("y", "x"), 1, 99.8, 1e-6)),
				java.util.List.of("b", "c", "y", "x"), second);
		float[] v = { (float) s.percentile(1, 1), (float) s.percentile(1, 99.8) };
		n.normalize(v, 0, 2, 0);
		assertEquals(0, v[0], 1e-5);
		assertEquals(1, v[1], 1e-5);
	}

	private static int lowerBound(double[] a, double v) {
		int lo = 0, hi = a.length;
		while (lo < hi) { int m = (lo + hi) >>> 1; if (a[m] < v) lo = m + 1; else hi = m; }
		return lo;
	}

	private static int upperBound(double[] a, double v) {
		int lo = 0, hi = a.length;
		while (lo < hi) { int m = (lo + hi) >>> 1; if (a[m] <= v) lo = m + 1; else hi = m; }
		return lo;
	}
}
