package sc.fiji.convnet.segment;

/**
 * An instance label image: 0 is background, 1…count are objects. Plain data, no ImageJ types, so
 * that decoders, metrics and writers can share it.
 */
public final class LabelImage {

	private final int width, height;
	private final int[] labels;
	private int count;

	public LabelImage(int width, int height, int[] labels, int count) {
		if (labels.length != (long) width * height)
			throw new IllegalArgumentException("LabelImage: " + labels.length + " labels for a " + width + "×" + height + " image");
		this.width = width;
		this.height = height;
		this.labels = labels;
		this.count = count;
	}

	public static LabelImage empty(int width, int height) {
		return new LabelImage(width, height, new int[width * height], 0);
	}

	public int width() { return width; }
	public int height() { return height; }
	/** The label array, row-major, shared. */
	public int[] labels() { return labels; }
	/** The number of objects (largest label after {@link #relabelConsecutive()}). */
	public int count() { return count; }

	/** Pixel count of each label; index 0 counts the background. */
	public int[] areas() {
		int max = 0;
		for (int l : labels) if (l > max) max = l;
		int[] areas = new int[max + 1];
		for (int l : labels) areas[l]++;
		return areas;
	}

	/**
	 * This label image at newWidth×newHeight, renumbered 1…n. Shrinking, each new pixel takes the label (background
	 * included) of most of the old pixels whose centres it covers, the one nearest its centre on a tie: nearest
	 * neighbour alone would take one corner of a 4×4 block, half an old pixel off, and small objects would lose
	 * that much of their overlap. Enlarging, it takes the nearest old pixel.
	 */
	public LabelImage sampled(int newWidth, int newHeight) {
		int[] out = new int[newWidth * newHeight];
		int[] xFrom = new int[newWidth], xTo = new int[newWidth], xNearest = new int[newWidth];
		footprints(width, newWidth, xFrom, xTo, xNearest);
		int[] yFrom = new int[newHeight], yTo = new int[newHeight], yNearest = new int[newHeight];
		footprints(height, newHeight, yFrom, yTo, yNearest);
		int[] seen = new int[64], votes = new int[64];
		for (int y = 0; y < newHeight; y++)
			for (int x = 0; x < newWidth; x++) {
				int nearest = labels[yNearest[y] * width + xNearest[x]], kinds = 0;
				int window = (yTo[y] - yFrom[y]) * (xTo[x] - xFrom[x]);
				if (window > seen.length) { seen = new int[window]; votes = new int[window]; }
				for (int sy = yFrom[y]; sy < yTo[y]; sy++)
					for (int sx = xFrom[x]; sx < xTo[x]; sx++) {
						int l = labels[sy * width + sx], k = 0;
						while (k < kinds && seen[k] != l) k++;
						if (k == kinds) { seen[kinds] = l; votes[kinds++] = 0; }
						votes[k]++;
					}
				int best = nearest, bestVotes = 0;
				for (int k = 0; k < kinds; k++) if (seen[k] == nearest) bestVotes = votes[k];
				for (int k = 0; k < kinds; k++) if (votes[k] > bestVotes) { best = seen[k]; bestVotes = votes[k]; }
				out[y * newWidth + x] = best;
			}
		return new LabelImage(newWidth, newHeight, out, 0).relabelConsecutive();
	}

	/**
	 * Along one axis: for each new pixel, the old pixels whose centres lie inside it ([from, to), at least the nearest
	 * one) and the nearest one.
	 */
	private static void footprints(int size, int newSize, int[] from, int[] to, int[] nearest) {
		double step = (double) size / newSize;
		for (int i = 0; i < newSize; i++) {
			nearest[i] = Math.min(size - 1, (int) ((i + 0.5) * step));
			from[i] = Math.max(0, (int) Math.ceil(i * step - 0.5));
			to[i] = Math.min(size, (int) Math.ceil((i + 1) * step - 0.5));
			if (to[i] <= from[i]) { from[i] = nearest[i]; to[i] = nearest[i] + 1; }
		}
	}

	/** Removes objects whose pixel count lies outside [minArea, maxArea] and renumbers the rest 1…n. */
	public LabelImage filterBySize(int minArea, int maxArea) {
		int[] areas = areas();
		for (int i = 0; i < labels.length; i++) {
			int a = areas[labels[i]];
			if (labels[i] != 0 && (a < minArea || a > maxArea)) labels[i] = 0;
		}
		return relabelConsecutive();
	}

	/** Renumbers labels 1…n in order of first appearance (row by row). */
	public LabelImage relabelConsecutive() {
		int max = 0;
		for (int l : labels) if (l > max) max = l;
		int[] map = new int[max + 1];
		int next = 0;
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i];
			if (l == 0) continue;
			if (map[l] == 0) map[l] = ++next;
			labels[i] = map[l];
		}
		count = next;
		return this;
	}

	/**
	 * Fills holes: background regions that do not touch the image border and are enclosed by a
	 * single object join that object.
	 */
	public LabelImage fillHoles() {
		int n = labels.length;
		int[] region = new int[n];
		java.util.Arrays.fill(region, -1);
		int[] queue = new int[n];
		for (int start = 0; start < n; start++) {
			if (labels[start] != 0 || region[start] != -1) continue;
			int head = 0, tail = 0;
			queue[tail++] = start;
			region[start] = start;
			boolean touchesBorder = false;
			int neighbour = 0; // the single object around the hole, -1 when several
			while (head < tail) {
				int p = queue[head++];
				int x = p % width, y = p / width;
				if (x == 0 || y == 0 || x == width - 1 || y == height - 1) touchesBorder = true;
				for (int k = 0; k < 4; k++) {
					int nx = x + (k == 0 ? 1 : k == 1 ? -1 : 0), ny = y + (k == 2 ? 1 : k == 3 ? -1 : 0);
					if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
					int q = ny * width + nx;
					int l = labels[q];
					if (l == 0) {
						if (region[q] == -1) { region[q] = start; queue[tail++] = q; }
					} else if (neighbour == 0) neighbour = l;
					else if (neighbour != l) neighbour = -1;
				}
			}
			if (!touchesBorder && neighbour > 0)
				for (int i = 0; i < tail; i++) labels[queue[i]] = neighbour;
		}
		return this;
	}
}
