package sc.fiji.convnet.segment;

import java.util.Arrays;

/**
 * Finds the nucleus size of an image, as Cellpose users expect, so that nobody has to type it: quick
 * passes of the network (one view) at the image's own scale and shrunk 2, 4, 8, 16 and 32 times give objects
 * whose median equivalent diameter says how far the image is from the size the model was trained on; when the
 * full-scale pass finds nothing or nuclei well below the trained size, passes enlarged 2 and 4 times look for
 * small ones. Two neighbouring passes that agree on the size (in image pixels) saw the nuclei whole and are
 * believed: a model shown nuclei several times larger than it knows splits them into pieces, and one shown crowded
 * nuclei much smaller than it knows merges them into clumps, and either way that pass disagrees with the
 * others (clumps can agree with clumps, so of such pairs the finest is believed). When no two passes agree, the
 * enlarged passes are run too, whatever the full-scale pass found: in a small or hazy image what it took for nuclei
 * of the trained size can be clumps of tiny ones, and two enlarged passes that agree are believed. Of the believed
 * passes the one nearest the trained size is taken (when no two agree: of all), and a pass at the scale it asks for
 * refines the figure while that comes closer still. Objects that
 * touch the window's border are cut and left out of the median.
 * <p>
 * Each pass sees a central window of the image that costs at most about one 1024² prediction: 1024² image pixels
 * at full scale, 512² or 256² enlarged, and as much of the image as fits 512² model pixels when shrunk up to 5 times
 * (1024² when shrunk more, as the passes at ⅛ and below are: the whole of most images), so that a few very large nuclei
 * are still seen whole and counted.
 */
final class DiameterEstimator {

	/**
	 * Fewer objects than this, or fewer whole ones than {@link #MIN_WHOLE}, give no estimate: the image keeps its scale.
	 * Objects cut by the border count here though not in the median: an image of three large nuclei, one of them cut by
	 * the image's edge, still has its size found.
	 */
	static final int MIN_OBJECTS = 3, MIN_WHOLE = 2;
	/** Sizes within this factor of the trained one count as found; the search stops there. */
	static final double CLOSE = 1.25;
	/**
	 * The furthest the image is rescaled either way. Beyond {@link #FREE_ENLARGEMENT} only while the enlarged image stays
	 * within {@link #MAX_ENLARGED_PIXELS}: nuclei 2–4 px across (a quarter of the usual pixel size) are found better
	 * enlarged to the trained size than 4× (val AP@0.5 0.704 against 0.694 on nuclei-dsb2018 val shrunk 4 times), and the
	 * bound keeps the enlarged maps of a large image in memory.
	 */
	static final double MIN_SCALE = 1 / 32.0, MAX_SCALE = 8, FREE_ENLARGEMENT = 4;
	static final double MAX_ENLARGED_PIXELS = 8192.0 * 8192.0;
	/** The scales of the first look; then at most {@link #PASSES} more, each at the scale the last estimate asks for. */
	static final double[] START_SCALES = { 1, 0.5, 0.25, 0.125, 0.0625, 0.03125 };
	/** The scales that look for nuclei smaller than the trained size, when the full-scale pass points that way. */
	static final double[] SMALL_SCALES = { 4, 2 };
	static final int PASSES = 2;
	/**
	 * The window's edge at full scale and its size in model pixels when enlarged; passes shrunk up to 5 times (scale
	 * above {@link #FAR}) see up to {@link #SHRUNK} model pixels, and those shrunk further up to {@link #SHRUNK_FAR}: a few
	 * nuclei hundreds of pixels across are only seen whole there, and those passes stay cheap.
	 */
	static final int SAMPLE = 1024, SHRUNK = 512, SHRUNK_FAR = 1024;
	static final double FAR = 0.2;

	/** The network's probability maps of the window (x0, y0, w, h) of the image resampled by {@code scale} (model pixels per image pixel) to sw×sh. */
	interface Maps {
		float[][] at(double scale, int x0, int y0, int w, int h, int sw, int sh);
	}

	private final double trainedDiameter;
	private final InstanceDecoder decoder;

	/** @param decoder decodes maps at the model's scale (its size limits in model pixels) */
	DiameterEstimator(double trainedDiameter, InstanceDecoder decoder) {
		this.trainedDiameter = trainedDiameter;
		this.decoder = decoder;
	}

	/** The median nucleus diameter in image pixels, or 0 when the image holds too few nuclei to tell. */
	double estimate(int width, int height, Maps maps) {
		// first look at the image as it is and shrunk: a model shown nuclei far larger than it knows splits them into
		// pieces of about its own size, so the passes that agree nearest the trained size are the ones to start from
		java.util.TreeMap<Double, Double> medians = new java.util.TreeMap<>(); // scale -> median in model pixels
		for (double s : START_SCALES) medians.put(s, median(width, height, s, maps));
		// nothing found at full scale, or nuclei well below the trained size: look for small ones enlarged
		double atFull = medians.get(1.0);
		if (atFull <= 0 || atFull < trainedDiameter / 1.5) medians = withEnlarged(medians, width, height, maps);
		double[] scales = keys(medians), found = values(medians);
		// believe the passes that agree with each other: two neighbouring scales seeing the same nuclei (in image
		// pixels) saw them whole, while a pass that disagrees saw pieces of large nuclei or clumps of small ones
		int[] candidates = agreeingPair(scales, found);
		if (candidates == null && !medians.containsKey(SMALL_SCALES[0])) {
			// nothing agrees, though the full-scale pass found nuclei of about the trained size: in a small or hazy
			// image those can be clumps of tiny nuclei, which enlarged passes see apart; believed only when two agree
			java.util.TreeMap<Double, Double> withSmall = withEnlarged(medians, width, height, maps);
			int[] pair = agreeingPair(keys(withSmall), values(withSmall));
			if (pair != null) { scales = keys(withSmall); found = values(withSmall); candidates = pair; }
		}
		if (candidates == null) {
			// no two agree: the two passes shrunk 2 and 4 times agreeing on nuclei much larger than the full-scale
			// pass saw: that pass saw noise or pieces of them, and it and the enlarged ones are left out
			int full = java.util.Arrays.binarySearch(scales, 1.0);
			boolean larger = agreeOnLarger(found[full - 1] / scales[full - 1], found[full - 2] / scales[full - 2], found[full], found[full - 1] > 0 && found[full - 2] > 0);
			double[] passes = scales;
			candidates = java.util.stream.IntStream.range(0, passes.length).filter(i -> !larger || passes[i] < 1).toArray();
		}
		double start = 0, estimate = 0, bestMismatch = Double.POSITIVE_INFINITY;
		for (int i : candidates) {
			if (found[i] <= 0) continue;
			double mismatch = mismatch(found[i]);
			if (mismatch < bestMismatch - 1e-9) { bestMismatch = mismatch; estimate = found[i] / scales[i]; start = scales[i]; }
		}
		if (estimate <= 0) return 0;
		// then measure again at the scale that estimate asks for, while it still moves
		double scale = start;
		for (int pass = 0; pass < PASSES; pass++) {
			double next = clamp(trainedDiameter / estimate);
			if (Math.abs(Math.log(next / scale)) < Math.log(CLOSE)) break;
			scale = next;
			double median = median(width, height, scale, maps);
			if (median <= 0) break;
			double mismatch = mismatch(median);
			if (mismatch >= bestMismatch) break; // further off than before: keep the better figure
			bestMismatch = mismatch;
			estimate = median / scale;
		}
		return estimate;
	}

	/** The passes so far and those enlarged {@link #SMALL_SCALES} times, as a new map. */
	private java.util.TreeMap<Double, Double> withEnlarged(java.util.TreeMap<Double, Double> medians, int width, int height, Maps maps) {
		java.util.TreeMap<Double, Double> all = new java.util.TreeMap<>(medians);
		for (double s : SMALL_SCALES) all.put(s, median(width, height, s, maps));
		return all;
	}

	private static double[] keys(java.util.TreeMap<Double, Double> m) { return m.keySet().stream().mapToDouble(Double::doubleValue).toArray(); }

	private static double[] values(java.util.TreeMap<Double, Double> m) { return m.values().stream().mapToDouble(Double::doubleValue).toArray(); }

	/** Passes whose sizes in image pixels are within this factor of each other agree. */
	static final double AGREE = 1.3;

	/** Sizes (in model pixels) within this factor of the trained one are ones the network can call a nucleus. */
	static final double PLAUSIBLE = 3;

	/**
	 * The two neighbouring passes (in scale order) that agree on the nucleus size in image pixels. Among pairs that
	 * both saw objects of a size the network can call a nucleus, the one at the finest scales not above the image's own
	 * (then the finest enlarged one): clumps of crowded small nuclei merged by the coarser passes agree with each other
	 * too, but the finer passes see the nuclei in them.
	 * Otherwise the agreeing pair nearest the trained size; null when no two agree.
	 */
	private int[] agreeingPair(double[] scales, double[] medians) {
		// enlarged passes come last: texture inside very large nuclei (granules, nucleoli) agrees with itself when
		// enlarged too, and only when nothing at the image's own resolution or coarser makes sense are they believed
		for (boolean enlarged : new boolean[] { false, true })
			for (int i = scales.length - 2; i >= 0; i--)
				if ((scales[i + 1] > 1) == enlarged && agree(scales, medians, i) && plausible(medians[i]) && plausible(medians[i + 1]))
					return new int[] { i, i + 1 };
		int[] best = null;
		double bestMismatch = Double.POSITIVE_INFINITY;
		for (int i = 0; i + 1 < scales.length; i++) {
			if (!agree(scales, medians, i)) continue;
			double mismatch = mismatch(medians[i]) + mismatch(medians[i + 1]);
			if (mismatch < bestMismatch) { bestMismatch = mismatch; best = new int[] { i, i + 1 }; }
		}
		return best;
	}

	/** Whether passes i and i+1 both found nuclei and agree on their size in image pixels. */
	private static boolean agree(double[] scales, double[] medians, int i) {
		if (medians[i] <= 0 || medians[i + 1] <= 0) return false;
		return Math.abs(Math.log(medians[i] / scales[i] / (medians[i + 1] / scales[i + 1]))) < Math.log(AGREE);
	}

	private boolean plausible(double modelPixels) { return mismatch(modelPixels) < Math.log(PLAUSIBLE); }

	private double mismatch(double modelPixels) { return Math.abs(Math.log(modelPixels / trainedDiameter)); }

	/** Whether the passes at ½ and ¼ found nuclei of one size (in image pixels), over 1.5× what the full-scale pass found. */
	private static boolean agreeOnLarger(double atHalf, double atQuarter, double atFull, boolean bothFound) {
		return bothFound && Math.abs(Math.log(atHalf / atQuarter)) < Math.log(1.5) && Math.min(atHalf, atQuarter) > 1.5 * atFull;
	}

	/** The median nucleus diameter, in model pixels, of one pass at {@code scale} over its central window; 0 when it finds too few. */
	private double median(int width, int height, double scale, Maps maps) {
		int w = window(width, scale), h = window(height, scale);
		int sw = Math.max(1, (int) Math.round(w * scale)), sh = Math.max(1, (int) Math.round(h * scale));
		if (Math.min(sw, sh) < 16) return 0;
		return medianDiameter(decoder.decode(maps.at(scale, (width - w) / 2, (height - h) / 2, w, h, sw, sh), sw, sh));
	}

	/** The window's edge in image pixels along an image edge of {@code size} for a pass at {@code scale}. */
	static int window(int size, double scale) {
		double edge = scale >= 1 ? SAMPLE / scale : Math.max(SAMPLE, (scale > FAR ? SHRUNK : SHRUNK_FAR) / scale);
		return (int) Math.min(size, Math.round(edge));
	}

	/** Model pixels per image pixel for a found diameter in a width×height image: 1 when it is close to the trained size or unknown. */
	double scaleFor(double diameter, int width, int height) {
		if (!(diameter > 0)) return 1;
		double s = clamp(trainedDiameter / diameter);
		s = Math.min(s, Math.max(FREE_ENLARGEMENT, Math.sqrt(MAX_ENLARGED_PIXELS / ((double) width * height))));
		return Math.abs(Math.log(s)) < Math.log(CLOSE) ? 1 : s;
	}

	private static double clamp(double s) {
		return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
	}

	/**
	 * Area-weighted median of the equivalent diameters 2·√(area/π) of the objects that do not touch the
	 * border: the diameter that half the nucleus pixels lie in objects at least as large as, so that
	 * small fragments and specks do not drag it down. 0 for fewer than {@link #MIN_OBJECTS} objects or
	 * {@link #MIN_WHOLE} whole ones.
	 */
	static double medianDiameter(LabelImage labels) {
		int w = labels.width(), h = labels.height();
		int[] l = labels.labels(), area = labels.areas();
		boolean[] cut = new boolean[area.length];
		for (int x = 0; x < w; x++) { cut[l[x]] = true; cut[l[(h - 1) * w + x]] = true; }
		for (int y = 0; y < h; y++) { cut[l[y * w]] = true; cut[l[y * w + w - 1]] = true; }
		int n = 0, objects = 0;
		long total = 0;
		int[] kept = new int[area.length];
		for (int k = 1; k < area.length; k++) {
			if (area[k] <= 0) continue;
			objects++;
			if (!cut[k]) { kept[n++] = area[k]; total += area[k]; }
		}
		if (objects < MIN_OBJECTS || n < MIN_WHOLE) return 0;
		Arrays.sort(kept, 0, n);
		long below = 0;
		for (int i = 0; i < n; i++) {
			below += kept[i];
			if (2 * below >= total) return 2 * Math.sqrt(kept[i] / Math.PI);
		}
		return 2 * Math.sqrt(kept[n - 1] / Math.PI);
	}
}
