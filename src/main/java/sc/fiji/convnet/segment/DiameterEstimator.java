package sc.fiji.convnet.segment;

import java.util.Arrays;

/**
 * Finds the nucleus size of an image, as Cellpose users expect, so that nobody has to type it: quick
 * passes of the network (one view) at the image's own scale and at half and a quarter of it give objects
 * whose median equivalent diameter says how far the image is from the size the model was trained on.
 * Two neighbouring passes that agree on the size (in image pixels) saw the nuclei whole and are believed:
 * a model shown nuclei several times larger than it knows splits them into pieces, and one shown crowded
 * nuclei much smaller than it knows merges them into clumps, and either way that pass disagrees with the
 * others. Of the believed passes the one nearest the trained size is taken (when no two agree: of all),
 * and a pass at the scale it asks for refines the figure while that comes closer still. Objects that
 * touch the image border are cut and left out of the median.
 */
final class DiameterEstimator {

	/** Fewer complete objects than this give no estimate: the image keeps its scale. */
	static final int MIN_OBJECTS = 3;
	/** Sizes within this factor of the trained one count as found; the search stops there. */
	static final double CLOSE = 1.25;
	/** The furthest the image is rescaled either way. */
	static final double MIN_SCALE = 1 / 8.0, MAX_SCALE = 2;
	/** The scales of the first look; then at most {@link #PASSES} more, each at the scale the last estimate asks for. */
	static final double[] START_SCALES = { 1, 0.5, 0.25 };
	static final int PASSES = 2;

	/** The network's probability maps of the image resampled by {@code scale} (model pixels per image pixel), at that scale. */
	interface Maps {
		float[][] at(double scale, int scaledWidth, int scaledHeight);
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
		// first look at the image as it is and shrunk twice and four times: a model shown nuclei far larger than it
		// knows splits them into pieces of about its own size, so the pass that sees them nearest the trained size
		// at the smallest scale is the one to start from
		double[] medians = new double[START_SCALES.length];
		for (int i = 0; i < START_SCALES.length; i++) medians[i] = median(width, height, START_SCALES[i], maps);
		// believe the passes that agree with each other: two neighbouring scales seeing the same nuclei (in image
		// pixels) saw them whole, while a pass that disagrees saw pieces of large nuclei or clumps of small ones
		int[] candidates = agreeingPair(medians);
		if (candidates == null) {
			// no two agree: the two shrunk passes agreeing on nuclei much larger than the full-scale pass saw: that
			// pass saw noise or pieces of them, and it is left out
			int first = agreeOnLarger(medians) ? 1 : 0;
			candidates = java.util.stream.IntStream.range(first, START_SCALES.length).toArray();
		}
		double start = 0, found = 0, bestMismatch = Double.POSITIVE_INFINITY;
		for (int i : candidates) {
			if (medians[i] <= 0) continue;
			double mismatch = mismatch(medians[i]);
			if (mismatch < bestMismatch - 1e-9) { bestMismatch = mismatch; found = medians[i] / START_SCALES[i]; start = START_SCALES[i]; }
		}
		if (found <= 0) return 0;
		// then measure again at the scale that estimate asks for, while it still moves
		double scale = start;
		for (int pass = 0; pass < PASSES; pass++) {
			double next = clamp(trainedDiameter / found);
			if (Math.abs(Math.log(next / scale)) < Math.log(CLOSE)) break;
			scale = next;
			double median = median(width, height, scale, maps);
			if (median <= 0) break;
			double mismatch = mismatch(median);
			if (mismatch >= bestMismatch) break; // further off than before: keep the better figure
			bestMismatch = mismatch;
			found = median / scale;
		}
		return found;
	}

	/** Passes whose sizes in image pixels are within this factor of each other agree. */
	static final double AGREE = 1.3;

	/**
	 * The two neighbouring start passes that agree on the nucleus size (in image pixels), the pair nearest the trained
	 * size when several do; null when no two agree.
	 */
	private int[] agreeingPair(double[] medians) {
		int[] best = null;
		double bestMismatch = Double.POSITIVE_INFINITY;
		for (int i = 0; i + 1 < START_SCALES.length; i++) {
			if (medians[i] <= 0 || medians[i + 1] <= 0) continue;
			double a = medians[i] / START_SCALES[i], b = medians[i + 1] / START_SCALES[i + 1];
			if (Math.abs(Math.log(a / b)) >= Math.log(AGREE)) continue;
			double mismatch = mismatch(medians[i]) + mismatch(medians[i + 1]);
			if (mismatch < bestMismatch) { bestMismatch = mismatch; best = new int[] { i, i + 1 }; }
		}
		return best;
	}

	private double mismatch(double modelPixels) { return Math.abs(Math.log(modelPixels / trainedDiameter)); }

	/** Whether the passes at ½ and ¼ found nuclei of one size (in image pixels), over 1.5× what the full-scale pass found. */
	private static boolean agreeOnLarger(double[] medians) {
		double atHalf = medians[1] / START_SCALES[1], atQuarter = medians[2] / START_SCALES[2], atFull = medians[0] / START_SCALES[0];
		return medians[1] > 0 && medians[2] > 0 && Math.abs(Math.log(atHalf / atQuarter)) < Math.log(1.5) && Math.min(atHalf, atQuarter) > 1.5 * atFull;
	}

	/** The median nucleus diameter, in model pixels, of one pass at {@code scale}; 0 when it finds too few. */
	private double median(int width, int height, double scale, Maps maps) {
		int sw = Math.max(1, (int) Math.round(width * scale)), sh = Math.max(1, (int) Math.round(height * scale));
		if (Math.min(sw, sh) < 16) return 0;
		return medianDiameter(decoder.decode(maps.at(scale, sw, sh), sw, sh));
	}

	/** Model pixels per image pixel for a found diameter: 1 when it is close to the trained size or unknown. */
	double scaleFor(double diameter) {
		if (!(diameter > 0)) return 1;
		double s = clamp(trainedDiameter / diameter);
		return Math.abs(Math.log(s)) < Math.log(CLOSE) ? 1 : s;
	}

	private static double clamp(double s) {
		return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
	}

	/**
	 * Area-weighted median of the equivalent diameters 2·√(area/π) of the objects that do not touch the
	 * border: the diameter that half the nucleus pixels lie in objects at least as large as, so that
	 * small fragments and specks do not drag it down. 0 for fewer than {@link #MIN_OBJECTS} objects.
	 */
	static double medianDiameter(LabelImage labels) {
		int w = labels.width(), h = labels.height();
		int[] l = labels.labels(), area = labels.areas();
		boolean[] cut = new boolean[area.length];
		for (int x = 0; x < w; x++) { cut[l[x]] = true; cut[l[(h - 1) * w + x]] = true; }
		for (int y = 0; y < h; y++) { cut[l[y * w]] = true; cut[l[y * w + w - 1]] = true; }
		int n = 0;
		long total = 0;
		int[] kept = new int[area.length];
		for (int k = 1; k < area.length; k++) if (area[k] > 0 && !cut[k]) { kept[n++] = area[k]; total += area[k]; }
		if (n < MIN_OBJECTS) return 0;
		Arrays.sort(kept, 0, n);
		long below = 0;
		for (int i = 0; i < n; i++) {
			below += kept[i];
			if (2 * below >= total) return 2 * Math.sqrt(kept[i] / Math.PI);
		}
		return 2 * Math.sqrt(kept[n - 1] / Math.PI);
	}
}
