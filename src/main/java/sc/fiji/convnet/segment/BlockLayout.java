package sc.fiji.convnet.segment;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;

/**
 * Cuts an image's x/y plane into square blocks ("cores", the last row and column smaller) and widens each by a
 * margin, clipped to the image ("crop"). Blocks are numbered in raster order. Coordinates are absolute (the
 * image's minimum need not be 0).
 */
public final class BlockLayout {

	private final long minX, minY, width, height;
	private final int core, margin;
	private final long columns, rows;

	public BlockLayout(Interval image, int core, int margin) {
		this.minX = image.min(0);
		this.minY = image.min(1);
		this.width = image.dimension(0);
		this.height = image.dimension(1);
		this.core = core;
		this.margin = margin;
		this.columns = ceilDiv(width, core);
		this.rows = ceilDiv(height, core);
	}

	public long columns() { return columns; }
	public long rows() { return rows; }
	public long count() { return columns * rows; }

	/** The block's own pixels: each image pixel lies in exactly one core. */
	public Interval core(long column, long row) {
		long x0 = minX + column * core, y0 = minY + row * core;
		return FinalInterval.createMinMax(x0, y0, Math.min(x0 + core, minX + width) - 1, Math.min(y0 + core, minY + height) - 1);
	}

	/** The core widened by the margin on every side, clipped to the image: what is predicted and decoded. */
	public Interval crop(long column, long row) {
		Interval c = core(column, row);
		return FinalInterval.createMinMax(Math.max(minX, c.min(0) - margin), Math.max(minY, c.min(1) - margin),
				Math.min(minX + width - 1, c.max(0) + margin), Math.min(minY + height - 1, c.max(1) + margin));
	}

	public static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
