package sc.fiji.convnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A float cell image kept in a file, with only the most recently used cells in memory (written back when
 * they leave the cache, and by {@link #flush()}). The file holds the cells one after another, each padded to
 * the full cell size, little-endian. For benchmarks: one writing thread at a time (the tile stitcher); the
 * cache must hold at least the cells one row of tiles touches, or cells are written and read back repeatedly.
 */
final class DiskBackedFloatImage implements AutoCloseable {

	private final CellGrid grid;
	private final FileChannel file;
	private final long cellBytes;
	private final int maxCells;
	private final LinkedHashMap<Long, Cell<FloatArray>> cache = new LinkedHashMap<>(16, 0.75f, true);
	private final LazyCellImg<FloatType, FloatArray> img;
	private long cellsWritten, cellsRead;

	DiskBackedFloatImage(Path path, long[] dims, int[] cellDims, int maxCells) throws IOException {
		this.grid = new CellGrid(dims, cellDims);
		long floats = 1;
		for (int d : cellDims) floats *= d;
		this.cellBytes = floats * 4;
		this.maxCells = maxCells;
		this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ,
				StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
		this.img = new LazyCellImg<>(grid, new FloatType(), this::cell);
	}

	LazyCellImg<FloatType, FloatArray> img() { return img; }

	private synchronized Cell<FloatArray> cell(long index) {
		Cell<FloatArray> c = cache.get(index);
		if (c != null) return c;
		long[] min = new long[grid.numDimensions()];
		int[] dims = new int[grid.numDimensions()];
		grid.getCellDimensions(index, min, dims);
		int n = 1;
		for (int d : dims) n *= d;
		float[] data = new float[n];
		try {
			if (index * cellBytes < file.size()) {
				ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
				file.read(b, index * cellBytes);
				b.flip();
				b.asFloatBuffer().get(data, 0, b.remaining() / 4);
				cellsRead++;
			}
		} catch (IOException e) {
			throw new UncheckedIOException("DiskBackedFloatImage: cannot read cell " + index, e);
		}
		c = new Cell<>(dims, min, new FloatArray(data));
		cache.put(index, c);
		// evict the least recently used; never the one just fetched, which the caller's RandomAccess holds
		Iterator<Map.Entry<Long, Cell<FloatArray>>> it = cache.entrySet().iterator();
		while (cache.size() > maxCells && it.hasNext()) {
			Map.Entry<Long, Cell<FloatArray>> e = it.next();
			write(e.getKey(), e.getValue());
			it.remove();
		}
		return c;
	}

	private void write(long index, Cell<FloatArray> c) {
		float[] data = c.getData().getCurrentStorageArray();
		ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(data);
		try {
			long pos = index * cellBytes;
			while (b.hasRemaining()) pos += file.write(b, pos);
		} catch (IOException e) {
			throw new UncheckedIOException("DiskBackedFloatImage: cannot write cell " + index, e);
		}
		cellsWritten++;
	}

	synchronized void flush() {
		cache.forEach(this::write);
	}

	synchronized long cellsWritten() { return cellsWritten; }
	synchronized long cellsRead() { return cellsRead; }

	long fileBytes() throws IOException { return file.size(); }

	@Override
	public void close() throws IOException {
		flush();
		file.close();
	}
}
