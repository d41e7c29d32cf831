package sc.fiji.convnet.segment;

import java.util.Arrays;

/**
 * One seed pixel per maximum of a distance map that stands out from its surroundings by more than a prominence:
 * the same points as ImageJ 1.54's {@code MaximumFinder.findMaxima(edm, prominence, 0.5, SINGLE_POINTS, false,
 * true)}, which the tests check.
 * <p>
 * Heights are "true" ridge heights: a pixel that is a ridge or peak along some direction is credited with up to
 * half a diagonal step more, as the sampled pixel need not sit on the crest. Local maxima are visited from the
 * highest; from each, a flood over the 8-neighbours keeps every pixel within the prominence below it; reaching
 * a higher pixel or one claimed by an earlier maximum disqualifies it. A qualifying maximum gets one point: of
 * its equal-height plateau, the pixel nearest the plateau's centroid (the first such in flood order).
 */
final class DistanceMaxima {

	private static final byte MAXIMUM = 1, LISTED = 2, PROCESSED = 4, MAX_AREA = 8, EQUAL = 16, MAX_POINT = 32;
	private static final float SQRT2 = 1.4142135624f;
	private static final int[] DX = { 0, 1, 1, 1, 0, -1, -1, -1 }, DY = { -1, -1, 0, 1, 1, 1, 0, -1 };

	private final float[] edm;
	private final int width, height;
	private final int[] dirOffset;

	private DistanceMaxima(float[] edm, int width, int height) {
		this.edm = edm;
		this.width = width;
		this.height = height;
		dirOffset = new int[] { -width, -width + 1, 1, width + 1, width, width - 1, -1, -width - 1 };
	}

	/** The seeds of a width×height distance map at least {@code threshold} high and {@code prominence} prominent. */
	static boolean[] find(float[] edm, int width, int height, double prominence, double threshold) {
		if (edm.length != width * height) throw new IllegalArgumentException("DistanceMaxima: " + edm.length + " values for " + width + "×" + height);
		return new DistanceMaxima(edm, width, height).find(prominence, threshold);
	}

	private boolean[] find(double prominence, double threshold) {
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (float v : edm) {
			if (min > v) min = v;
			if (max < v) max = v;
		}
		byte[] types = new byte[edm.length];
		threshold -= (max - min) * 1e-6; // as ImageJ: against rounding errors
		long[] maxPoints = max > min ? sortedMaxima(types, min, max, threshold) : new long[0];
		mark(types, maxPoints, prominence, 1.1f * (SQRT2 / 2f));
		boolean[] seeds = new boolean[edm.length];
		for (int i = 0; i < seeds.length; i++) seeds[i] = (types[i] & MAX_POINT) != 0;
		return seeds;
	}

	/** All local maxima (raw or by true height) at or above the threshold, sorted by true height, then index. */
	private long[] sortedMaxima(byte[] types, float globalMin, float globalMax, double threshold) {
		int nMax = 0;
		for (int y = 0; y < height; y++)
			for (int x = 0, i = y * width; x < width; x++, i++) {
				float v = edm[i];
				float vTrue = trueHeight(x, y);
				if (v == globalMin) continue;
				if (v < threshold) continue;
				boolean isMax = true;
				boolean inner = y != 0 && y != height - 1 && x != 0 && x != width - 1;
				for (int d = 0; d < 8; d++) {
					if (inner || within(x, y, d)) {
						int x2 = x + DX[d], y2 = y + DY[d];
						float vNeighbor = edm[x2 + y2 * width];
						if (vNeighbor > v && trueHeight(x2, y2) > vTrue) {
							isMax = false;
							break;
						}
					}
				}
				if (isMax) {
					types[i] = MAXIMUM;
					nMax++;
				}
			}
		float vFactor = (float) (2e9 / (globalMax - globalMin));
		long[] maxPoints = new long[nMax];
		int k = 0;
		for (int y = 0; y < height; y++)
			for (int x = 0, p = y * width; x < width; x++, p++)
				if (types[p] == MAXIMUM) {
					int iValue = (int) ((trueHeight(x, y) - globalMin) * vFactor);
					maxPoints[k++] = (long) iValue << 32 | p;
				}
		Arrays.sort(maxPoints);
		return maxPoints;
	}

	/** Floods from each maximum, highest first, and marks MAX_POINT on those that qualify. */
	private void mark(byte[] types, long[] maxPoints, double tolerance, float maxSortingError) {
		int[] pList = new int[width * height];
		for (int iMax = maxPoints.length - 1; iMax >= 0; iMax--) {
			int offset0 = (int) maxPoints[iMax];
			if ((types[offset0] & PROCESSED) != 0) continue;
			int x0 = offset0 % width, y0 = offset0 / width;
			float v0 = trueHeight(x0, y0);
			boolean sortingError;
			do {
				pList[0] = offset0;
				types[offset0] |= (EQUAL | LISTED);
				int listLen = 1, listI = 0;
				sortingError = false;
				boolean maxPossible = true;
				double xEqual = x0, yEqual = y0;
				int nEqual = 1;
				do {
					int offset = pList[listI];
					int x = offset % width, y = offset / width;
					boolean inner = y != 0 && y != height - 1 && x != 0 && x != width - 1;
					for (int d = 0; d < 8; d++) {
						int offset2 = offset + dirOffset[d];
						if ((inner || within(x, y, d)) && (types[offset2] & LISTED) == 0) {
							if (edm[offset2] <= 0) continue; // background
							if ((types[offset2] & PROCESSED) != 0) {
								maxPossible = false; // reached a region claimed by a higher maximum
								break;
							}
							int x2 = x + DX[d], y2 = y + DY[d];
							float v2 = trueHeight(x2, y2);
							if (v2 > v0 + maxSortingError) {
								maxPossible = false; // reached a higher point
								break;
							} else if (v2 >= v0 - (float) tolerance) {
								if (v2 > v0) { // this one should have come first: restart from it
									sortingError = true;
									offset0 = offset2;
									v0 = v2;
									x0 = x2;
									y0 = y2;
								}
								pList[listLen++] = offset2;
								types[offset2] |= LISTED;
								if (v2 == v0) {
									types[offset2] |= EQUAL;
									xEqual += x2;
									yEqual += y2;
									nEqual++;
								}
							}
						}
					}
					listI++;
				} while (listI < listLen);
				if (sortingError) {
					for (listI = 0; listI < listLen; listI++) types[pList[listI]] = 0;
				} else {
					int resetMask = ~(maxPossible ? LISTED : (LISTED | EQUAL));
					xEqual /= nEqual;
					yEqual /= nEqual;
					double minDist2 = 1e20;
					int nearestI = 0;
					for (listI = 0; listI < listLen; listI++) {
						int offset = pList[listI];
						int x = offset % width, y = offset / width;
						types[offset] &= resetMask;
						types[offset] |= PROCESSED;
						if (maxPossible) {
							types[offset] |= MAX_AREA;
							if ((types[offset] & EQUAL) != 0) {
								double dist2 = (xEqual - x) * (xEqual - x) + (yEqual - y) * (yEqual - y);
								if (dist2 < minDist2) {
									minDist2 = dist2;
									nearestI = listI;
								}
							}
						}
					}
					if (maxPossible) types[pList[nearestI]] |= MAX_POINT;
				}
			} while (sortingError);
		}
	}

	/**
	 * The height of a distance-map crest through (x, y): a pixel that is a ridge or peak along one of the four
	 * axes may reach up to half a diagonal step above its sampled value; border and background pixels keep theirs.
	 */
	private float trueHeight(int x, int y) {
		int offset = x + y * width;
		float v = edm[offset];
		if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || v == 0) return v;
		float trueH = v + 0.5f * SQRT2;
		boolean ridgeOrMax = false;
		for (int d = 0; d < 4; d++) {
			float v1 = edm[offset + dirOffset[d]], v2 = edm[offset + dirOffset[d + 4]];
			float h;
			if (v >= v1 && v >= v2) {
				ridgeOrMax = true;
				h = (v1 + v2) / 2;
			} else h = Math.min(v1, v2);
			h += (d % 2 == 0) ? 1 : SQRT2;
			if (trueH > h) trueH = h;
		}
		return ridgeOrMax ? trueH : v;
	}

	private boolean within(int x, int y, int direction) {
		int xMax = width - 1, yMax = height - 1;
		return switch (direction) {
			case 0 -> y > 0;
			case 1 -> y > 0 && x < xMax;
			case 2 -> x < xMax;
			case 3 -> y < yMax && x < xMax;
			case 4 -> y < yMax;
			case 5 -> y < yMax && x > 0;
			case 6 -> x > 0;
			case 7 -> y > 0 && x > 0;
			default -> false;
		};
	}
}
