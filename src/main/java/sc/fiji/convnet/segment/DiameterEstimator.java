package sc.fiji.convnet.segment;

import java.util.Arrays;

/**
 * Finds the nucleus size of an image, as Cellpose users expect, so that nobody has to type it: a quick
 * pass of the network (one view) at the image's own scale gives objects whose median equivalent
 * diameter says how far the image is from the size the model was trained on; when it is far, a second
 * pass at the corrected scale refines the figure, because a model shown nuclei several times larger than
 * it knows splits them and so under-states their size. Objects that touch the image border are cut
 * and left out of the median.
 */
final class DiameterEstimator {

	/** Fewer complete objects than this give no estimate: the image keeps its scale. */
	static final int MIN_OBJECTS = 3;
	/** Sizes within this factor of the trained one count as found; the search stops there. */
	static final double CLOSE = 1.25;
	/** The furthest the image is rescaled either way. */
	static final double MIN_SCALE = 1 / 8.0, MAX_SCALE = 4;
	/** Passes of the network at most (each at the scale the last one asked for). */
	static final int PASSES = 3;

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
		double scale = 1, found = 0, bestMismatch = Double.POSITIVE_INFINITY;
		for (int pass = 0; pass < PASSES; pass++) {
			int sw = Math.max(1, (int) Math.round(width * scale)), sh = Math.max(1, (int) Math.round(height * scale));
			double median = medianDiameter(decoder.decode(maps.at(scale, sw, sh), sw, sh));
			if (median <= 0) break;
			// the pass that saw nuclei closest to the trained size is the one to believe: further off, a model splits or merges them
			double mismatch = Math.abs(Math.log(median / trainedDiameter));
			if (mismatch < bestMismatch) { bestMismatch = mismatch; found = median / scale; }
			double next = clamp(trainedDiameter * scale / median);
			if (Math.abs(Math.log(next / scale)) < Math.log(CLOSE)) break;
			scale = next;
		}
		return found;
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
