package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The automatic diameter against fields of disks whose size is known: a "model" that sees disks
 * perfectly gives the estimator the true size, and one that splits every disk larger than the trained
 * size into pieces (as networks do far off their training scale) is corrected by the second pass.
 */
class DiameterEstimatorTest {

	private static final double TRAINED = 17.6;
	private static final InstanceDecoder DECODER = new InstanceDecoder(0.5, 0.5, 3, 1, 10, Integer.MAX_VALUE, true);

	/** Disk centres and one diameter for a w×h field, non-overlapping. */
	private static double[][] field(int w, int h, double diameter, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		java.util.List<double[]> centres = new java.util.ArrayList<>();
		for (int tries = 0; tries < 4000 && centres.size() < 60; tries++) {
			double x = r.nextDouble() * w, y = r.nextDouble() * h;
			boolean free = centres.stream().allMatch(c -> Math.hypot(c[0] - x, c[1] - y) > 1.3 * diameter);
			if (free) centres.add(new double[] { x, y });
		}
		return centres.toArray(new double[0][]);
	}

	/** Three-class maps of the disks as seen at {@code scale}; disks wider than {@code splitAbove} model pixels come out halved. */
	private static float[][] maps(double[][] centres, double diameter, double scale, int x0, int y0, int sw, int sh, double splitAbove) {
		float[][] p = new float[3][sw * sh];
		double r = diameter * scale / 2;
		for (int y = 0; y < sh; y++)
			for (int x = 0; x < sw; x++) {
				int i = y * sw + x;
				p[0][i] = 1;
				for (double[] c : centres) {
					double dx = x + 0.5 - (c[0] - x0) * scale, dy = y + 0.5 - (c[1] - y0) * scale, d = Math.hypot(dx, dy);
					if (d > r) continue;
					boolean cut = 2 * r > splitAbove && Math.abs(dx) < 1.5; // a false boundary through the middle
					boolean rim = d > r - 1.5;
					p[0][i] = 0;
					p[rim || cut ? 2 : 1][i] = 1;
				}
			}
		return p;
	}

	private static double estimate(double diameter, double splitAbove) {
		int w = 600, h = 600;
		double[][] centres = field(w, h, diameter, 7);
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		return e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> maps(centres, diameter, scale, x0, y0, sw, sh, splitAbove));
	}

	@Test
	void aPerfectModelGivesTheTrueSizeAtEveryScale() {
		for (double d : new double[] { 8, 17.6, 40, 70 })
			assertEquals(d, estimate(d, Double.POSITIVE_INFINITY), 0.12 * d, "disks " + d + " px across");
	}

	@Test
	void crowdedSmallNucleiMergedIntoClumpsWhenShrunkAreNotTakenForLargeOnes() {
		// 12-px nuclei on a 13-px lattice: seen as they are at full and half scale, but at a quarter the "model"
		// merges every 6×6 block into one clump of about the trained size, which alone would look the best match
		int w = 624, h = 624;
		double small = 12, spacing = 13, clump = 6 * spacing;
		java.util.List<double[]> nuclei = new java.util.ArrayList<>(), clumps = new java.util.ArrayList<>();
		for (double y = spacing / 2; y < h; y += spacing)
			for (double x = spacing / 2; x < w; x += spacing) nuclei.add(new double[] { x, y });
		for (double y = clump / 2; y < h; y += clump)
			for (double x = clump / 2; x < w; x += clump) clumps.add(new double[] { x, y });
		double[][] n = nuclei.toArray(new double[0][]), c = clumps.toArray(new double[0][]);
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		double found = e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> scale < 0.3 ? maps(c, clump * 0.95, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY)
				: maps(n, small, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY));
		assertEquals(small, found, 0.15 * small, "found " + found);
	}

	@Test
	void nucleiSplitFarOffTheTrainedSizeAreMeasuredAgainAtTheCorrectedScale() {
		// far above the trained size the "model" halves every disk, so the first pass under-states the size
		double d = 70;
		double found = estimate(d, 2.5 * TRAINED);
		assertEquals(d, found, 0.15 * d, "found " + found);
	}

	@Test
	void tinyNucleiTheModelCannotSeeAtFullScaleAreFoundEnlarged() {
		// 4-px nuclei: like a real network, the "model" sees no disk under 7 model pixels, so only the enlarged passes find them
		int w = 160, h = 160;
		double d = 4;
		double[][] centres = field(w, h, d, 11);
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		double found = e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> d * scale < 7 ? maps(new double[0][], d, scale, x0, y0, sw, sh, 1e9)
				: maps(centres, d, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY));
		assertEquals(d, found, 0.2 * d, "found " + found);
		assertEquals(TRAINED / found, e.scaleFor(found, w, h), 1e-9, "enlarged to the trained size");
	}

	/** 5-px nuclei on a 7-px lattice in 84²; the "model" sees nothing shrunk and, at full scale, 3×3 blocks of them as one clump of about the trained size. */
	private static double clumpedTinyNuclei(boolean seenAtTwice) {
		int w = 84, h = 84;
		double small = 5, spacing = 7, clump = 3 * spacing;
		java.util.List<double[]> nuclei = new java.util.ArrayList<>(), clumps = new java.util.ArrayList<>();
		for (double y = spacing / 2; y < h; y += spacing)
			for (double x = spacing / 2; x < w; x += spacing) nuclei.add(new double[] { x, y });
		for (double y = clump / 2; y < h; y += clump)
			for (double x = clump / 2; x < w; x += clump) clumps.add(new double[] { x, y });
		double[][] n = nuclei.toArray(new double[0][]), c = clumps.toArray(new double[0][]), none = new double[0][];
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		return e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> maps(scale < 1 || (scale >= 1.5 && scale < 3 && !seenAtTwice) ? none : scale < 1.5 ? c : n,
				scale < 1.5 ? clump * 0.95 : small, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY));
	}

	@Test
	void clumpsOfTinyNucleiAtFullScaleGiveWayToEnlargedPassesThatAgree() {
		// nuclei-dsb2018 val image 912a679e shrunk 4 times under haze: 3.4-px nuclei, seen at full scale as 17-px clumps
		double found = clumpedTinyNuclei(true);
		assertEquals(5, found, 0.2 * 5, "found " + found);
	}

	@Test
	void anEnlargedPassAloneDoesNotOverruleTheFullScalePass() {
		// only the pass enlarged 4 times sees the tiny nuclei: no two agree on them, so the full-scale pass stands
		double found = clumpedTinyNuclei(false);
		assertEquals(3 * 7 * 0.95, found, 0.15 * 20, "found " + found);
	}

	@Test
	void aFewVeryLargeNucleiAreSeenWholeInTheShrunkPasses() {
		// three nuclei 300 px across in a 1600² image: no 1024² central window holds one whole, and the "model" splits
		// every disk over 2.5× the trained size; only passes shrunk 8 and 16 times over the whole image see them
		int w = 1600, h = 1600;
		double d = 300;
		double[][] centres = { { 300, 300 }, { 1300, 300 }, { 800, 1300 } };
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		double found = e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> maps(centres, d, scale, x0, y0, sw, sh, 2.5 * TRAINED));
		assertEquals(d, found, 0.15 * d, "found " + found);
	}

	@Test
	void granulesInsideVeryLargeNucleiAreNotTakenForTinyNuclei() {
		// 200-px nuclei full of 5-px granules: from the image's own scale up the "model" sees only the granules (which
		// agree with themselves when enlarged), shrunk 8 or 16 times it sees the nuclei; the nuclei are what is meant
		int w = 1600, h = 1600;
		double d = 200, granule = 5;
		double[][] nuclei = { { 250, 250 }, { 800, 250 }, { 1350, 250 }, { 250, 800 }, { 800, 800 }, { 1350, 800 } };
		java.util.List<double[]> g = new java.util.ArrayList<>();
		for (double[] c : nuclei)
			for (double y = -d / 2 + 8; y < d / 2 - 8; y += 11)
				for (double x = -d / 2 + 8; x < d / 2 - 8; x += 11) if (Math.hypot(x, y) < d / 2 - 8) g.add(new double[] { c[0] + x, c[1] + y });
		double[][] granules = g.toArray(new double[0][]);
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		double found = e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> scale >= 0.25 ? maps(granules, granule, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY)
				: maps(nuclei, d, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY));
		assertEquals(d, found, 0.15 * d, "found " + found);
	}

	@Test
	void threeHugeGranularNucleiOneCutByTheEdgeAreFoundShrunk() {
		// nuclei-dsb2018 val image 9ab2d381 rescaled ×4: three nuclei 400 px across, full of granules, in 2560×2048, one
		// of them cut by the image's edge. From a quarter of the image's scale up the "model" sees only granules (which
		// agree with themselves enlarged); shrunk 8 times it splits the nuclei; shrunk 16 and 32 times it sees two whole
		int w = 2560, h = 2048;
		double d = 400, granule = 6, pitch = 14;
		double[][] nuclei = { { 700, 600 }, { 1800, 1300 }, { 2500, 400 } };
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		double found = e.estimate(w, h, (scale, x0, y0, ww, wh, sw, sh) -> scale >= 0.25 ? granules(nuclei, d, granule, pitch, scale, x0, y0, sw, sh)
				: maps(nuclei, d, scale, x0, y0, sw, sh, 2.5 * TRAINED));
		assertEquals(d, found, 0.15 * d, "found " + found);
	}

	/** Three-class maps of granules {@code granule} px across on a {@code pitch} lattice inside the nuclei, as seen at {@code scale}. */
	private static float[][] granules(double[][] nuclei, double d, double granule, double pitch, double scale, int x0, int y0, int sw, int sh) {
		float[][] p = new float[3][sw * sh];
		for (int y = 0; y < sh; y++)
			for (int x = 0; x < sw; x++) {
				int i = y * sw + x;
				p[0][i] = 1;
				double ix = x0 + (x + 0.5) / scale, iy = y0 + (y + 0.5) / scale;
				boolean inside = false;
				for (double[] c : nuclei) inside |= Math.hypot(ix - c[0], iy - c[1]) < d / 2 - pitch;
				if (!inside) continue;
				double gx = Math.floorMod((long) Math.floor(ix), (long) pitch) + (ix - Math.floor(ix)) - pitch / 2;
				double gy = Math.floorMod((long) Math.floor(iy), (long) pitch) + (iy - Math.floor(iy)) - pitch / 2;
				double r = Math.hypot(gx, gy);
				if (r > granule / 2) continue;
				p[0][i] = 0;
				p[r * scale > granule * scale / 2 - 1.5 ? 2 : 1][i] = 1;
			}
		return p;
	}

	@Test
	void theScaleIsKeptNearTheTrainedSizeAndWhenNothingIsFound() {
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		assertEquals(1, e.scaleFor(TRAINED * 1.2, 512, 512));
		assertEquals(1, e.scaleFor(0, 512, 512));
		assertEquals(TRAINED / 40, e.scaleFor(40, 512, 512), 1e-12);
		assertEquals(DiameterEstimator.MIN_SCALE, e.scaleFor(1000, 512, 512), 1e-12);
		double empty = e.estimate(64, 64, (scale, x0, y0, ww, wh, sw, sh) -> maps(new double[0][], 10, scale, x0, y0, sw, sh, Double.POSITIVE_INFINITY));
		assertEquals(0, empty);
	}

	/** 1-px nuclei: a 512² image is enlarged 8×, the most; a 2048² one 4× (8192², the bound), a 4096² one still 4×. */
	@Test
	void enlargementBeyondFourTimesStopsAtTheEnlargedImageBound() {
		DiameterEstimator e = new DiameterEstimator(TRAINED, DECODER);
		assertEquals(8, e.scaleFor(1, 512, 512), 1e-12);
		assertEquals(5.5, e.scaleFor(TRAINED / 5.5, 1000, 1000), 1e-12);
		assertEquals(8192.0 / 1500, e.scaleFor(1, 1500, 1500), 1e-12);
		assertEquals(4, e.scaleFor(1, 2048, 2048), 1e-12);
		assertEquals(4, e.scaleFor(1, 4096, 4096), 1e-12);
	}

	@Test
	void borderObjectsAndSpecksDoNotDragTheMedianDown() {
		int w = 200, h = 200;
		int[] l = new int[w * h];
		int label = 0;
		// five whole disks 20 px across, a cut one on the border, and ten 2-px specks
		for (int k = 0; k < 5; k++) disk(l, w, 30 + 35 * k, 100, 10, ++label);
		disk(l, w, 0, 30, 10, ++label);
		for (int k = 0; k < 10; k++) { l[(170) * w + 10 + 15 * k] = ++label; l[(170) * w + 11 + 15 * k] = label; }
		double median = DiameterEstimator.medianDiameter(new LabelImage(w, h, l, label));
		assertEquals(20, median, 1.5);
	}

	private static void disk(int[] l, int w, int cx, int cy, int r, int label) {
		for (int y = Math.max(0, cy - r); y <= cy + r; y++)
			for (int x = Math.max(0, cx - r); x <= cx + r && x < w; x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) l[y * w + x] = label;
	}
}
