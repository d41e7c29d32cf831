package sc.fiji.convnet.predict;

import net.imglib2.Interval;

/**
 * Where the tiles of a 2-D image go (the tile calculator; {@link TileStitcher} decides how they are put
 * back), chosen so that tiled prediction equals one whole-image pass.
 * <p>
 * The reference is one call on the whole image, padded (mirrored) only at its far side up to the model's
 * size multiple: the padded extent {@code P = ⌈extent / m⌉·m} per axis. The tile windows therefore lie inside
 * {@code [0, P)}: a window that touches the image border stops there, where the whole-image pass also stops
 * and the model pads exactly as it would on the whole image, so no halo is needed at the border. Between two
 * tiles the windows overlap by at least {@code 2·halo} and the cut between their cores lies in the middle,
 * at least {@code halo} pixels from either window's edge. Windows start on multiples of {@code m} (the
 * model's pooling grid), so every tile pools the same pixel blocks as the whole-image pass.
 * <p>
 * An image whose padded extent fits the largest tile is one tile with no halo at all; larger ones take the
 * fewest windows per axis that fit, all of the same size (so tiles can be batched), spread evenly from
 * {@code 0} to {@code P − input}. The windows are placed by formula, not stored: positions and counts are
 * {@code long} (a 50,000 × 50,000 image has more than 2^31 pixels, and the grid may have billions of tiles).
 */
public final class TileGrid {

	/** Default largest tile: 2048 × 2048 input pixels (one ONNX Runtime call; see {@link Predictor#tilePixels()}). */
	public static final long DEFAULT_TILE_PIXELS = 2048L * 2048;

	private final long minX, minY;
	private final int halo;
	private final AxisSplit xs, ys;

	/**
	 * Square tiles of at most {@code tileSize} input pixels per edge.
	 *
	 * @param image        the image's x/y extent (its first two dimensions); further dimensions are ignored
	 * @param tileSize     largest input tile edge, halo included (ignored when {@code fixedSize > 0})
	 * @param halo         context pixels per side between tiles (rounded up to the size multiple)
	 * @param sizeMultiple input edges must be multiples of this (1 when free)
	 * @param fixedSize    the exact input edge the model requires, 0 when free
	 */
	public TileGrid(Interval image, int tileSize, int halo, int sizeMultiple, int fixedSize) {
		this(image, checkedHalo(halo, sizeMultiple), sizeMultiple, fixedSize, tileSize, 0);
	}

	/**
	 * Tiles of at most {@code maxTilePixels} input pixels (width × height, halo included), the shape that
	 * computes the fewest pixels in all: an image that fits is one tile without halo, a long strip gets long
	 * tiles.
	 */
	public static TileGrid withinPixels(Interval image, long maxTilePixels, int halo, int sizeMultiple, int fixedSize) {
		if (maxTilePixels < 1) throw new IllegalArgumentException("Tiling: tile budget must be positive, got " + maxTilePixels + " pixels");
		return new TileGrid(image, checkedHalo(halo, sizeMultiple), sizeMultiple, fixedSize, 0, maxTilePixels);
	}

	/** The grid for a predictor: {@code tileSize > 0} caps the tile edge, {@code 0} takes the predictor's pixel budget. */
	public static TileGrid of(Interval image, Predictor predictor, int tileSize, int halo) {
		return tileSize > 0 ? new TileGrid(image, tileSize, halo, predictor.sizeMultiple(), predictor.fixedSize())
				: withinPixels(image, predictor.tilePixels(), halo, predictor.sizeMultiple(), predictor.fixedSize());
	}

	private static int checkedHalo(int halo, int sizeMultiple) {
		if (halo < 0) throw new IllegalArgumentException("Tiling: negative halo " + halo);
		int m = Math.max(1, sizeMultiple);
		return (int) roundUp(halo, m);
	}

	private TileGrid(Interval image, int halo, int sizeMultiple, int fixedSize, int tileSize, long maxPixels) {
		if (image.numDimensions() < 2) throw new IllegalArgumentException("Tiling: need an x/y image, got " + image.numDimensions() + " dimensions");
		int m = Math.max(1, sizeMultiple);
		long width = image.dimension(0), height = image.dimension(1);
		if (width < 1 || height < 1) throw new IllegalArgumentException("Tiling: empty image " + width + "×" + height);
		if (fixedSize > 0 && fixedSize % m != 0)
			throw new IllegalArgumentException("Tiling: the model's fixed size " + fixedSize + " is not a multiple of its size multiple " + m);
		this.minX = image.min(0);
		this.minY = image.min(1);
		this.halo = halo;
		if (maxPixels > 0 && fixedSize <= 0) {
			AxisSplit[] best = withinBudget(width, height, halo, m, maxPixels);
			xs = best[0];
			ys = best[1];
		} else {
			int edge = fixedSize > 0 ? fixedSize : tileSize / m * m;
			xs = AxisSplit.fitting(width, edge, halo, m, fixedSize > 0);
			ys = AxisSplit.fitting(height, edge, halo, m, fixedSize > 0);
		}
	}

	/** The column and row splits whose tiles fit the budget and compute the fewest pixels (then: the fewest tiles). */
	private static AxisSplit[] withinBudget(long width, long height, int halo, int m, long maxPixels) {
		AxisSplit[] best = null;
		double bestCost = Double.POSITIVE_INFINITY;
		long maxColumns = Math.min(1 << 16, Math.max(1, roundUp(width, m) / m));
		for (long n = 1; n <= maxColumns; n++) {
			AxisSplit x = AxisSplit.into(width, n, halo, m);
			if (x == null) continue;
			long maxEdge = maxPixels / x.input / m * m;
			if (maxEdge < m) continue;
			AxisSplit y = AxisSplit.fittingOrNull(height, (int) Math.min(Integer.MAX_VALUE / 2, maxEdge), halo, m);
			if (y == null) continue;
			double cost = (double) x.count * x.input * y.count * y.input;
			if (cost < bestCost || cost == bestCost && x.count * y.count < best[0].count * best[1].count) {
				bestCost = cost;
				best = new AxisSplit[] { x, y };
			}
		}
		if (best == null)
			throw new IllegalArgumentException("Tiling: no tile of at most " + maxPixels + " pixels leaves a centre beside a halo of " + halo
					+ " per side in steps of " + m + " for a " + width + "×" + height + " image");
		return best;
	}

	static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

	private static long roundUp(long v, long m) { return (v + m - 1) / m * m; }

	/**
	 * One axis: {@code count} windows of {@code input} pixels inside {@code [0, padded)}, the i-th starting at
	 * {@code m·⌊i·(padded − input)/m / (count − 1)⌋}; core i ends halfway through its overlap with window i + 1.
	 */
	private record AxisSplit(long extent, long padded, int input, long count, int m) {

		/** The fewest windows of at most {@code edge} pixels (exactly {@code edge} when fixed). */
		static AxisSplit fitting(long extent, int edge, int halo, int m, boolean fixed) {
			long padded = roundUp(extent, m);
			if (fixed && padded <= edge) return new AxisSplit(extent, edge, edge, 1, m);
			if (padded <= edge) return new AxisSplit(extent, padded, (int) padded, 1, m);
			if (edge - 2L * halo < m)
				throw new IllegalArgumentException("Tiling: input tile " + edge + " leaves no centre beside a halo of " + halo + " per side in steps of "
						+ m + (fixed ? " (the model's fixed input size)" : "") + " for an extent of " + extent);
			long n = ceilDiv(padded - 2L * halo, edge - 2L * halo);
			return fixed ? new AxisSplit(extent, padded, edge, n, m) : into(extent, n, halo, m);
		}

		static AxisSplit fittingOrNull(long extent, int edge, int halo, int m) {
			long padded = roundUp(extent, m);
			if (padded > edge && edge - 2L * halo < m) return null;
			return fitting(extent, edge, halo, m, false);
		}

		/**
		 * Exactly {@code n} windows, as small as they can be: {@code n·input − (n − 1)·2·halo ≥ padded}. Null
		 * when that leaves no core (or more windows than the padded extent has steps).
		 */
		static AxisSplit into(long extent, long n, int halo, int m) {
			long padded = roundUp(extent, m);
			if (n == 1) return padded > Integer.MAX_VALUE / 2 ? null : new AxisSplit(extent, padded, (int) padded, 1, m);
			long input = roundUp(ceilDiv(padded + (n - 1) * 2L * halo, n), m);
			if (input - 2L * halo < m || input >= padded || input > Integer.MAX_VALUE / 2) return null;
			// every step between windows must be at least one multiple, so that no core is empty
			if ((padded - input) / m < n - 1) return null;
			return new AxisSplit(extent, padded, (int) input, n, m);
		}

		long start(long i) {
			if (count == 1) return 0;
			long steps = (padded - input) / m;
			// i·steps overflows a long only for absurd grids; exact either way
			long q = Math.multiplyHigh(i, steps) == 0 && i * steps >= 0 ? i * steps / (count - 1)
					: java.math.BigInteger.valueOf(i).multiply(java.math.BigInteger.valueOf(steps)).divide(java.math.BigInteger.valueOf(count - 1)).longValue();
			return q * m;
		}

		/** End (exclusive) of core i. */
		long coreEnd(long i) {
			if (i == count - 1) return extent;
			return Math.min(extent, (start(i) + start(i + 1) + input) / 2);
		}

		long coreStart(long i) { return i == 0 ? 0 : coreEnd(i - 1); }

		/** The window whose core holds position p (0 ≤ p < extent). */
		long indexOf(long p) {
			long lo = 0, hi = count - 1;
			while (lo < hi) {
				long mid = (lo + hi) >>> 1;
				if (coreEnd(mid) > p) hi = mid;
				else lo = mid + 1;
			}
			return lo;
		}
	}

	public long columns() { return xs.count; }
	public long rows() { return ys.count; }
	/** Number of tiles (columns × rows). */
	public long count() { return xs.count * ys.count; }
	/** Context pixels kept between neighbouring tiles (none at the image border, none for a single tile). */
	public int halo() { return halo; }
	public int inputWidth() { return xs.input; }
	public int inputHeight() { return ys.input; }
	/** Input pixels of all tiles together (what the model computes), halo and padding included. */
	public double inputPixels() { return (double) count() * xs.input * ys.input; }

	/** The tile in the given column and row. */
	public Tile tile(long column, long row) {
		if (column < 0 || column >= xs.count || row < 0 || row >= ys.count)
			throw new IndexOutOfBoundsException("Tiling: tile (" + column + ", " + row + ") outside a grid of " + xs.count + "×" + ys.count);
		long cx = xs.coreStart(column), cy = ys.coreStart(row);
		return new Tile(column, row, minX + cx, minY + cy, (int) (xs.coreEnd(column) - cx), (int) (ys.coreEnd(row) - cy),
				minX + xs.start(column), minY + ys.start(row), xs.input, ys.input);
	}

	/** The tile with a row-major index in [0, {@link #count()}). */
	public Tile tile(long index) {
		if (index < 0 || index >= count()) throw new IndexOutOfBoundsException("Tiling: tile index " + index + " outside [0, " + count() + ")");
		return tile(index % xs.count, index / xs.count);
	}

	/** The tiles whose cores meet a region (x/y of {@code region}, which must lie inside the image). */
	public TileRange covering(Interval region) {
		long x0 = region.min(0), y0 = region.min(1), x1 = region.max(0), y1 = region.max(1);
		if (x0 < minX || y0 < minY || x1 >= minX + xs.extent || y1 >= minY + ys.extent || x1 < x0 || y1 < y0)
			throw new IllegalArgumentException("Tiling: region [" + x0 + ", " + y0 + "]–[" + x1 + ", " + y1 + "] is not inside the image ["
					+ minX + ", " + minY + "]–[" + (minX + xs.extent - 1) + ", " + (minY + ys.extent - 1) + "]");
		return new TileRange(this, xs.indexOf(x0 - minX), ys.indexOf(y0 - minY), xs.indexOf(x1 - minX), ys.indexOf(y1 - minY));
	}

	/** All tiles. */
	public TileRange all() { return new TileRange(this, 0, 0, xs.count - 1, ys.count - 1); }

	/** A rectangle of tiles, visited row by row. */
	public record TileRange(TileGrid grid, long firstColumn, long firstRow, long lastColumn, long lastRow) {

		public long columns() { return lastColumn - firstColumn + 1; }

		public long count() { return columns() * (lastRow - firstRow + 1); }

		/** The i-th tile of this range, row by row. */
		public Tile get(long i) {
			if (i < 0 || i >= count()) throw new IndexOutOfBoundsException("Tiling: tile " + i + " outside a range of " + count());
			return grid.tile(firstColumn + i % columns(), firstRow + i / columns());
		}
	}

	@Override
	public String toString() {
		return "TileGrid[" + xs.extent + "×" + ys.extent + " in " + xs.count + "×" + ys.count + " tiles of " + xs.input + "×" + ys.input
				+ (count() > 1 ? ", halo " + halo : ", no halo") + "]";
	}
}
