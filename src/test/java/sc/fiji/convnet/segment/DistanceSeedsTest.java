package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.plugin.filter.EDM;
import ij.plugin.filter.MaximumFinder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * {@link DistanceMap} gives ImageJ's float EDM to the bit and {@link DistanceMaxima} ImageJ's MaximumFinder
 * single points on it (ImageJ is the reference here), on synthetic masks, edge cases and real nuclei masks.
 */
class DistanceSeedsTest {

	private static final double[] PROMINENCES = { 0.5, 1.0, 2.0 };

	/** Counts of compared cases and of differences, over a test. */
	private static final class Tally {
		int masks, maps, edmPixelsDiffering, seedSets, seedsImageJ, seedsOnlyImageJ, seedsOnlyOurs;

		void compare(boolean[] mask, int w, int h) {
			masks++;
			ByteProcessor binary = new ByteProcessor(w, h);
			byte[] bin = (byte[]) binary.getPixels();
			for (int i = 0; i < bin.length; i++) bin[i] = (byte) (mask[i] ? 255 : 0);
			FloatProcessor edm = new EDM().makeFloatEDM(binary, 0, false);
			float[] expected = (float[]) edm.getPixels();
			float[] actual = DistanceMap.of(mask, w, h);
			maps++;
			for (int i = 0; i < expected.length; i++) if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) edmPixelsDiffering++;
			for (double prominence : PROMINENCES) {
				byte[] points = (byte[]) new MaximumFinder().findMaxima(edm, prominence, 0.5, MaximumFinder.SINGLE_POINTS, false, true).getPixels();
				boolean[] ours = DistanceMaxima.find(expected.clone(), w, h, prominence, 0.5);
				seedSets++;
				for (int i = 0; i < points.length; i++) {
					boolean ij = points[i] != 0;
					if (ij) seedsImageJ++;
					if (ij && !ours[i]) seedsOnlyImageJ++;
					if (!ij && ours[i]) seedsOnlyOurs++;
				}
			}
		}

		void assertIdentical() {
			String what = masks + " masks, " + seedSets + " seed sets, " + seedsImageJ + " ImageJ seeds";
			System.out.println("DistanceSeedsTest: " + what + "; EDM pixels differing " + edmPixelsDiffering + "; seeds only ImageJ "
					+ seedsOnlyImageJ + ", only ours " + seedsOnlyOurs);
			assertEquals(0, edmPixelsDiffering, "EDM pixels differing, " + what);
			assertEquals(0, seedsOnlyImageJ + seedsOnlyOurs, "seeds differing (only ImageJ " + seedsOnlyImageJ + ", only ours " + seedsOnlyOurs + "), " + what);
		}
	}

	/** Random discs and ellipses, overlapping (touching blobs), some cut by the border. */
	private static boolean[] blobs(Random r, int w, int h, int n, double rMin, double rMax) {
		boolean[] m = new boolean[w * h];
		for (int k = 0; k < n; k++) {
			double cx = r.nextDouble() * w, cy = r.nextDouble() * h;
			double a = rMin + r.nextDouble() * (rMax - rMin), b = a * (0.5 + r.nextDouble() * 0.8), t = r.nextDouble() * Math.PI;
			double c = Math.cos(t), s = Math.sin(t);
			for (int y = Math.max(0, (int) (cy - rMax - 1)); y < Math.min(h, (int) (cy + rMax + 2)); y++)
				for (int x = Math.max(0, (int) (cx - rMax - 1)); x < Math.min(w, (int) (cx + rMax + 2)); x++) {
					double u = ((x - cx) * c + (y - cy) * s) / a, v = (-(x - cx) * s + (y - cy) * c) / b;
					if (u * u + v * v <= 1) m[y * w + x] = true;
				}
		}
		return m;
	}

	@Test
	void syntheticMasks() {
		Random r = new Random(42);
		Tally t = new Tally();
		for (int k = 0; k < 120; k++) {
			int w = 20 + r.nextInt(180), h = 20 + r.nextInt(180);
			t.compare(blobs(r, w, h, 1 + r.nextInt(25), 1.5, 4 + r.nextInt(20)), w, h);
		}
		for (int k = 0; k < 40; k++) { // salt-and-pepper and thresholded noise: many 1-pixel objects and odd shapes
			int w = 10 + r.nextInt(90), h = 10 + r.nextInt(90);
			boolean[] m = new boolean[w * h];
			double p = 0.1 + 0.8 * r.nextDouble();
			for (int i = 0; i < m.length; i++) m[i] = r.nextDouble() < p;
			t.compare(m, w, h);
		}
		t.assertIdentical();
	}

	@Test
	void edgeCases() {
		Tally t = new Tally();
		t.compare(new boolean[40 * 30], 40, 30); // empty
		boolean[] full = new boolean[40 * 30];
		java.util.Arrays.fill(full, true);
		t.compare(full, 40, 30); // full
		boolean[] single = new boolean[25 * 25];
		single[12 * 25 + 12] = true;
		single[0] = true;
		single[24 * 25 + 3] = true;
		t.compare(single, 25, 25); // 1-pixel objects, also at the border
		boolean[] rect = new boolean[50 * 30];
		for (int y = 5; y < 15; y++) for (int x = 4; x < 44; x++) rect[y * 50 + x] = true;
		for (int y = 18; y < 28; y++) for (int x = 10; x < 21; x++) rect[y * 50 + x] = true;
		t.compare(rect, 50, 30); // plateau ridges: even-width bars and an even-sided square
		boolean[] touching = new boolean[80 * 50];
		for (int y = 0; y < 50; y++)
			for (int x = 0; x < 80; x++) touching[y * 80 + x] = Math.hypot(x - 25, y - 25) < 14 || Math.hypot(x - 51, y - 25) < 14;
		t.compare(touching, 80, 50); // touching discs
		boolean[] line = new boolean[60 * 1];
		for (int x = 10; x < 50; x++) line[x] = true;
		t.compare(line, 60, 1);
		t.compare(line, 1, 60);
		boolean[] border = new boolean[30 * 30];
		for (int y = 0; y < 30; y++) for (int x = 0; x < 30; x++) border[y * 30 + x] = x < 8 || y > 25;
		t.compare(border, 30, 30); // objects along the image border (border is not background)
		t.assertIdentical();
	}

	/** Ground-truth nuclei masks of every image of nuclei-dsb2018, and the shipped model's masks of three. */
	@Test
	void realNucleiMasks() throws Exception {
		Path data = Path.of("..", "shared", "data", "nuclei-dsb2018");
		assumeTrue(Files.isDirectory(data), "../shared/data/nuclei-dsb2018 is absent: skipped");
		Tally t = new Tally();
		List<NucleiSample> val = NucleiDataset.load(data, "val");
		for (String split : new String[] { "train", "val" })
			for (NucleiSample s : split.equals("val") ? val : NucleiDataset.load(data, split)) {
				int[] labels = s.labels().labels();
				boolean[] m = new boolean[labels.length];
				for (int i = 0; i < m.length; i++) m[i] = labels[i] != 0;
				t.compare(m, s.width(), s.height());
			}
		NucleiSegmenter segmenter = NucleiSegmenter.builder(ConvNet.segmentationModel("nuclei")).views(1).build();
		for (NucleiSample s : val.subList(0, 3)) {
			float[][] p = segmenter.segment(s.pixels().clone(), s.width(), s.height(), Progress.NONE).probabilities();
			boolean[] m = new boolean[s.width() * s.height()];
			for (int i = 0; i < m.length; i++) m[i] = p[1][i] + p[2][i] > NucleiSegmenter.DEFAULT_THRESHOLD;
			t.compare(m, s.width(), s.height());
		}
		t.assertIdentical();
	}
}
