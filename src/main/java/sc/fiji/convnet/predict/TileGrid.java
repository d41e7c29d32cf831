package sc.fiji.convnet.predict;

import net.imglib2.Interval;

/**
 * Where the tiles of a 2-D image go (the tile calculator; {@link TileStitcher} decides how they are put
 * back). Every tile has the same input size, so that tiles can be batched, and the cores are spread evenly:
 * with {@code n = ⌈extent / maxCore⌉} tiles per axis the core is {@code ⌈extent / n⌉} rounded up to the
 * model's size multiple, which wastes at most one size multiple per axis beyond the image.
 * <p>
 * The halo is rounded up to the size multiple and the grid starts at the image's minimum, so every tile
 * starts on the model's pooling grid and sees the same pixel blocks as one whole-image pass would.
 * All positions and counts are {@code long}: a 50,000 × 50,000 image has more than 2^31 pixels.
 */
public final class TileGrid {

	private final long minX, minY, width, height;
	private final int halo, coreWidth, coreHeight, inputWidth, inputHeight;
	private final long columns, rows;

	/**
	 * @param image        the image's x/y extent (its first two dimensions); further dimensions are ignored
	 * @param tileSize     largest input tile edge, halo included (ignored when {@code fixedSize > 0})
	 * @param halo         context pixels per side that are computed and discarded
	 * @param sizeMultiple input edges must be multiples of this (1 when free)
	 * @param fixedSize    the exact input edge the model requires, 0 when free
	 */
	public TileGrid(Interval image, int tileSize, int halo, int sizeMultiple, int fixedSize) {
		if (image.numDimensions() < 2) throw new IllegalArgumentException("Tiling: need an x/y image, got " + image.numDimensions() + " dimensions");
		if (halo < 0) throw new IllegalArgumentException("Tiling: negative halo " + halo);
		int m = Math.max(1, sizeMultiple);
		this.minX = image.min(0);
		this.minY = image.min(1);
		this.width = image.dimension(0);
		this.height = image.dimension(1);
		if (width < 1 || height < 1) throw new IllegalArgumentException("Tiling: empty image " + width + "×" + height);
		this.halo = roundUp(halo, m);
		int edge = fixedSize > 0 ? fixedSize : tileSize;
		int maxCore = (edge - 2 * this.halo) / m * m;
		if (maxCore <= 0)
			throw new IllegalArgumentException("Tiling: input tile " + edge + " leaves no centre beside a halo of " + this.halo
					+ " per side in steps of " + m + (fixedSize > 0 ? " (the model's fixed input size)" : ""));
		if (fixedSize > 0 && fixedSize % m != 0)
			throw new IllegalArgumentException("Tiling: the model's fixed size " + fixedSize + " is not a multiple of its size multiple " + m);
		this.coreWidth = balancedCore(width, maxCore, m);
		this.coreHeight = balancedCore(height, maxCore, m);
		this.inputWidth = fixedSize > 0 ? fixedSize : coreWidth + 2 * this.halo;
		this.inputHeight = fixedSize > 0 ? fixedSize : coreHeight + 2 * this.halo;
		this.columns = ceilDiv(width, coreWidth);
		this.rows = ceilDiv(height, coreHeight);
	}

	private static int balancedCore(long extent, int maxCore, int m) {
		long n = ceilDiv(extent, maxCore);
		return (int) Math.min(maxCore, roundUp(ceilDiv(extent, n), m));
	}

	static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

	private static int roundUp(int v, int m) { return (v + m - 1) / m * m; }

	private static long roundUp(long v, int m) { return (v + m - 1) / m * m; }

	public long columns() { return columns; }
	public long rows() { return rows; }
	/** Number of tiles (columns × rows). */
	public long count() { return columns * rows; }
	public int halo() { return halo; }
	public int coreWidth() { return coreWidth; }
	public int coreHeight() { return coreHeight; }
	public int inputWidth() { return inputWidth; }
	public int inputHeight() { return inputHeight; }

	/** The tile in the given column and row. */
	public Tile tile(long column, long row) {
		if (column < 0 || column >= columns || row < 0 || row >= rows)
			throw new IndexOutOfBoundsException("Tiling: tile (" + column + ", " + row + ") outside a grid of " + columns + "×" + rows);
		long cx = minX + column * coreWidth, cy = minY + row * coreHeight;
		int cw = (int) Math.min(coreWidth, minX + width - cx), ch = (int) Math.min(coreHeight, minY + height - cy);
		return new Tile(column, row, cx, cy, cw, ch, cx - halo, cy - halo, inputWidth, inputHeight);
	}

	/** The tile with a row-major index in [0, {@link #count()}). */
	public Tile tile(long index) {
		if (index < 0 || index >= count()) throw new IndexOutOfBoundsException("Tiling: tile index " + index + " outside [0, " + count() + ")");
		return tile(index % columns, index / columns);
	}

	/** The tiles whose cores meet a region (x/y of {@code region}, which must lie inside the image). */
	public TileRange covering(Interval region) {
		long x0 = region.min(0), y0 = region.min(1), x1 = region.max(0), y1 = region.max(1);
		if (x0 < minX || y0 < minY || x1 >= minX + width || y1 >= minY + height || x1 < x0 || y1 < y0)
			throw new IllegalArgumentException("Tiling: region [" + x0 + ", " + y0 + "]–[" + x1 + ", " + y1 + "] is not inside the image ["
					+ minX + ", " + minY + "]–[" + (minX + width - 1) + ", " + (minY + height - 1) + "]");
		return new TileRange(this, (x0 - minX) / coreWidth, (y0 - minY) / coreHeight, (x1 - minX) / coreWidth, (y1 - minY) / coreHeight);
	}

	/** All tiles. */
	public TileRange all() { return new TileRange(this, 0, 0, columns - 1, rows - 1); }

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
		return "TileGrid[" + width + "×" + height + " in " + columns + "×" + rows + " tiles of " + inputWidth + "×" + inputHeight
				+ " (core " + coreWidth + "×" + coreHeight + ", halo " + halo + ")]";
	}
}
