package sc.fiji.convnet.segment;

import java.util.Arrays;

/**
 * The Euclidean distance of each mask pixel to the nearest background pixel, the image border not counting as
 * background: the same floats as ImageJ 1.54's {@code EDM.makeFloatEDM(mask, 0, false)}, which the tests check.
 * Two passes (down, then up) each sweep every row left to right and right to left, carrying for each column
 * the nearest background point found so far and choosing among the point above, the diagonal one and the
 * previous one in the row; the squared distance is kept as an integer and its root taken at the end.
 * A mask with no background pixel gets √(2³¹−1) everywhere, as ImageJ gives.
 */
public final class DistanceMap {

	private DistanceMap() {}

	/** Distances (0 on background) of a width×height mask. */
	public static float[] of(boolean[] mask, int width, int height) {
		if (mask.length != width * height) throw new IllegalArgumentException("DistanceMap: " + mask.length + " values for " + width + "×" + height);
		if (width > 65536 || height > 65536) throw new IllegalArgumentException("DistanceMap: at most 65536 pixels a side");
		float[] d2 = new float[mask.length];
		for (int i = 0; i < mask.length; i++) if (mask[i]) d2[i] = Float.MAX_VALUE;
		int[][] nearest = new int[2][width];
		Arrays.fill(nearest[0], -1);
		Arrays.fill(nearest[1], -1);
		for (int y = 0; y < height; y++) sweepRow(mask, d2, nearest, width, y);
		Arrays.fill(nearest[0], -1);
		Arrays.fill(nearest[1], -1);
		for (int y = height - 1; y >= 0; y--) sweepRow(mask, d2, nearest, width, y);
		for (int i = 0; i < d2.length; i++) d2[i] = d2[i] <= 0f ? 0f : (float) Math.sqrt(d2[i]);
		return d2;
	}

	/** Row y left to right with one buffer of nearest points, then right to left with the other. */
	private static void sweepRow(boolean[] mask, float[] d2, int[][] nearest, int width, int y) {
		sweep(mask, d2, nearest[0], width, y, 0, 1);
		sweep(mask, d2, nearest[1], width, y, width - 1, -1);
	}

	/** One pass along row y from column {@code first} in direction {@code step} (±1). */
	private static void sweep(boolean[] mask, float[] d2, int[] points, int width, int y, int first, int step) {
		int previous = -1, diagonal = -1;
		for (int x = first; x >= 0 && x < width; x += step) {
			int offset = y * width + x;
			int nextDiagonal = points[x];
			if (!mask[offset]) points[x] = x | y << 16;
			else {
				float dist2 = closest(points, previous, diagonal, x, y);
				if (d2[offset] > dist2) d2[offset] = dist2;
			}
			previous = points[x];
			diagonal = nextDiagonal;
		}
	}

	/**
	 * The squared distance from (x, y) to the nearest of three candidate background points (packed x | y<<16,
	 * -1 for none): the one stored for this column, the diagonal and the previous one; the winner is stored.
	 */
	private static float closest(int[] points, int previous, int diagonal, int x, int y) {
		int above = points[x];
		int best = above, bestD2 = Integer.MAX_VALUE;
		if (above != -1) {
			int d = dist2(above, x, y);
			if (d < bestD2) bestD2 = d;
		}
		if (diagonal != above && diagonal != -1) {
			int d = dist2(diagonal, x, y);
			if (d < bestD2) {
				best = diagonal;
				bestD2 = d;
			}
		}
		if (previous != diagonal && previous != -1) {
			int d = dist2(previous, x, y);
			if (d < bestD2) {
				best = previous;
				bestD2 = d;
			}
		}
		points[x] = best;
		return bestD2;
	}

	private static int dist2(int point, int x, int y) {
		int dx = x - (point & 0xffff), dy = y - ((point >> 16) & 0xffff);
		return dx * dx + dy * dy;
	}
}
