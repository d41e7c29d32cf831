package sc.fiji.convnet.segment;

/**
 * Turns a network's per-pixel output into separate objects (instances).
 * <ul>
 * <li>{@link OutputKind#FOREGROUND}: one foreground probability. Threshold it, take the Euclidean
 * distance map ({@link DistanceMap}, as ImageJ's EDM), seed one object per distance maximum
 * ({@link DistanceMaxima} with a prominence, as ImageJ's MaximumFinder) and flood the seeds over
 * the mask: the classic distance watershed.</li>
 * <li>{@link OutputKind#BACKGROUND_INTERIOR_BOUNDARY}: three class probabilities. Interior pixels
 * well inside a nucleus are the seeds (touching nuclei are split by their boundary class), and the
 * seeds are flooded over every pixel that is not background, cheapest where the interior is surest.</li>
 * <li>{@link OutputKind#BACKGROUND_INTERIOR_BOUNDARY_DISTANCE}: the three class probabilities and each nucleus pixel's
 * distance to its nucleus's edge, divided by the largest in that nucleus (1 at the centre). Every maximum of the
 * distance that stands out from its surroundings by {@link #DEFAULT_DISTANCE_PROMINENCE} of a centre's height, and
 * whose interior probability passes the seed threshold, seeds one nucleus, so touching nuclei whose common boundary
 * is faint still get one seed each; the seeds are flooded over every pixel that is not background, downhill in
 * distance.</li>
 * </ul>
 * Then objects outside the size range are dropped and holes are filled.
 */
public final class InstanceDecoder {

	public enum OutputKind {
		FOREGROUND("foreground"), BACKGROUND_INTERIOR_BOUNDARY("background", "interior", "boundary"),
		BACKGROUND_INTERIOR_BOUNDARY_DISTANCE("background", "interior", "boundary", "distance");

		private final String[] channels;

		OutputKind(String... channels) { this.channels = channels; }

		/** What each output channel means, in order. */
		public String[] channelNames() { return channels.clone(); }
		public int channels() { return channels.length; }
		/** The name a model description's {@code config: convnet: output:} gives this kind. */
		public String configName() { return name().toLowerCase(java.util.Locale.ROOT); }
	}

	private final double threshold;
	private final double seedThreshold;
	private final int minSeedArea;
	private final double prominence;
	private final int minArea;
	private final int maxArea;
	private final boolean fillHoles;
	private final double minScore;
	private final double distanceProminence;

	/** Distance models: how far (as a share of a nucleus centre's height, 1) a maximum must stand out to seed a nucleus; chosen on both DSB val splits. */
	public static final double DEFAULT_DISTANCE_PROMINENCE = 0.2;
	/** The normalised distance is scaled to about a nucleus radius in pixels, the units the maximum finder's ridge estimate works in. */
	private static final float DISTANCE_SCALE = 10;

	/**
	 * @param minSeedArea seed components smaller than this (pixels) are noise, not nuclei: they are
	 *                    dropped and their pixels go to the neighbouring nucleus (three-class models)
	 */
	public InstanceDecoder(double threshold, double seedThreshold, int minSeedArea, double prominence, int minArea, int maxArea, boolean fillHoles) {
		this(threshold, seedThreshold, minSeedArea, prominence, minArea, maxArea, fillHoles, 0);
	}

	/**
	 * @param minScore models with a boundary class: objects whose mean foreground probability is below this are dropped
	 *                 (0 keeps every object)
	 */
	public InstanceDecoder(double threshold, double seedThreshold, int minSeedArea, double prominence, int minArea, int maxArea, boolean fillHoles,
			double minScore) {
		this(threshold, seedThreshold, minSeedArea, prominence, minArea, maxArea, fillHoles, minScore, DEFAULT_DISTANCE_PROMINENCE);
	}

	/** @param distanceProminence models with a distance output: the share of a centre's height by which a seed's maximum stands out */
	public InstanceDecoder(double threshold, double seedThreshold, int minSeedArea, double prominence, int minArea, int maxArea, boolean fillHoles,
			double minScore, double distanceProminence) {
		if (!(distanceProminence > 0 && distanceProminence < 1))
			throw new IllegalArgumentException("InstanceDecoder: distance prominence must lie in (0, 1), got " + distanceProminence);
		this.distanceProminence = distanceProminence;
		if (!(minScore >= 0 && minScore < 1)) throw new IllegalArgumentException("InstanceDecoder: minimum object score must lie in [0, 1), got " + minScore);
		this.minScore = minScore;
		this.threshold = threshold;
		this.seedThreshold = seedThreshold;
		this.minSeedArea = minSeedArea;
		this.prominence = prominence;
		this.minArea = minArea;
		this.maxArea = maxArea;
		this.fillHoles = fillHoles;
	}

	/**
	 * @param probabilities C planes of width×height values: C = 1 (foreground) or 3 (background,
	 *                      interior, boundary)
	 */
	public LabelImage decode(float[][] probabilities, int width, int height) {
		if (probabilities.length == 1) return decodeForeground(probabilities[0], width, height);
		if (probabilities.length == 3) return decodeThreeClass(probabilities, width, height);
		if (probabilities.length == 4) return decodeWithDistance(probabilities, width, height);
		throw new IllegalArgumentException("InstanceDecoder: expected 1 (foreground), 3 (background, interior, boundary) or 4 (and distance) "
				+ "probability maps, got " + probabilities.length);
	}

	private LabelImage decodeForeground(float[] foreground, int width, int height) {
		int n = width * height;
		boolean[] mask = new boolean[n];
		for (int i = 0; i < n; i++) mask[i] = foreground[i] > threshold;
		float[] distance = DistanceMap.of(mask, width, height);
		boolean[] seedMask = DistanceMaxima.find(distance, width, height, prominence, 0.5);
		for (int i = 0; i < n; i++) seedMask[i] &= mask[i];
		int[] labels = ConnectedComponents.label(width, height, seedMask, true).labels();
		float[] cost = new float[n];
		for (int i = 0; i < n; i++) cost[i] = -distance[i];
		SeededWatershed.flood(width, height, labels, cost, mask);
		return finish(new LabelImage(width, height, labels, 0));
	}

	private LabelImage decodeThreeClass(float[][] p, int width, int height) {
		int n = width * height;
		boolean[] mask = new boolean[n];
		boolean[] seeds = new boolean[n];
		float[] cost = new float[n];
		for (int i = 0; i < n; i++) {
			float interior = p[1][i], boundary = p[2][i];
			mask[i] = interior + boundary > threshold;
			seeds[i] = interior > seedThreshold;
			cost[i] = 1f - interior;
		}
		return seedAndFlood(p, width, height, mask, seeds, cost, minSeedArea);
	}

	private LabelImage decodeWithDistance(float[][] p, int width, int height) {
		int n = width * height;
		boolean[] mask = new boolean[n];
		float[] cost = new float[n], scaled = new float[n];
		for (int i = 0; i < n; i++) {
			mask[i] = p[1][i] + p[2][i] > threshold;
			cost[i] = 1f - p[3][i];
			scaled[i] = mask[i] ? DISTANCE_SCALE * p[3][i] : 0;
		}
		boolean[] seeds = DistanceMaxima.find(scaled, width, height, DISTANCE_SCALE * distanceProminence, 0.5);
		for (int i = 0; i < n; i++) seeds[i] &= mask[i] && p[1][i] > seedThreshold;
		return seedAndFlood(p, width, height, mask, seeds, cost, 1); // a seed is one point
	}

	/** Labels the seed components, drops those under the minimum seed area, floods the rest over the mask by cost. */
	private LabelImage seedAndFlood(float[][] p, int width, int height, boolean[] mask, boolean[] seeds, float[] cost, int minSeedArea) {
		int n = width * height;
		LabelImage seeded = ConnectedComponents.label(width, height, seeds, false);
		int[] labels = seeded.labels();
		if (minSeedArea > 1) {
			int[] area = seeded.areas();
			for (int i = 0; i < n; i++) if (labels[i] != 0 && area[labels[i]] < minSeedArea) labels[i] = 0;
		}
		SeededWatershed.flood(width, height, labels, cost, mask);
		if (minScore > 0) dropUnsure(labels, p[1], p[2]);
		return finish(new LabelImage(width, height, labels, 0));
	}

	/**
	 * Removes the objects whose mean foreground probability (interior + boundary) is below {@link #minScore}: faint,
	 * out-of-focus or ragged shapes that pass the pixel threshold only here and there.
	 */
	private void dropUnsure(int[] labels, float[] interior, float[] boundary) {
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		double[] sum = new double[max + 1];
		int[] count = new int[max + 1];
		for (int i = 0; i < labels.length; i++)
			if (labels[i] != 0) {
				sum[labels[i]] += interior[i] + boundary[i];
				count[labels[i]]++;
			}
		for (int i = 0; i < labels.length; i++) if (labels[i] != 0 && sum[labels[i]] < minScore * count[labels[i]]) labels[i] = 0;
	}

	private LabelImage finish(LabelImage labels) {
		if (fillHoles) labels.fillHoles();
		return labels.filterBySize(minArea, maxArea);
	}
}
