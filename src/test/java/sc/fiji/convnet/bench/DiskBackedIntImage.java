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

import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.integer.IntType;

/**
 * An int cell image (labels) kept in a file, with only the most recently used cells in memory (written back when
 * they leave the cache, and by {@link #flush()}). The file holds the cells one after another, each padded to
 * the full cell size, little-endian. For benchmarks: one writing thread at a time (the tile stitcher); the
 * cache must hold at least the cells one row of tiles touches, or cells are written and read back repeatedly.
 */
final class DiskBackedIntImage implements AutoCloseable {

	private final CellGrid grid;
	private final FileChannel file;
	private final long cellBytes;
	private final int maxCells;
	private final LinkedHashMap<Long, Cell<IntArray>> cache = new LinkedHashMap<>(16, 0.75f, true);
	private final LazyCellImg<IntType, IntArray> img;
	private long cellsWritten, cellsRead;

	DiskBackedIntImage(Path path, long[] dims, int[] cellDims, int maxCells) throws IOException {
		this.grid = new CellGrid(dims, cellDims);
		long values = 1;
		for (int d : cellDims) values *= d;
		this.cellBytes = values * 4;
		this.maxCells = maxCells;
		this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ,
				StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
		this.img = new LazyCellImg<>(grid, new IntType(), this::cell);
	}

	LazyCellImg<IntType, IntArray> img() { return img; }

	private synchronized Cell<IntArray> cell(long index) {
		Cell<IntArray> c = cache.get(index);
		if (c != null) return c;
		long[] min = new long[grid.numDimensions()];
		int[] dims = new int[grid.numDimensions()];
		grid.getCellDimensions(index, min, dims);
		int n = 1;
		for (int d : dims) n *= d;
		int[] data = new int[n];
		try {
			if (index * cellBytes < file.size()) {
				ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
				file.read(b, index * cellBytes);
				b.flip();
				b.asIntBuffer().get(data, 0, b.remaining() / 4);
				cellsRead++;
			}
		} catch (IOException e) {
			throw new UncheckedIOException("DiskBackedIntImage: cannot read cell " + index, e);
		}
		c = new Cell<>(dims, min, new IntArray(data));
		cache.put(index, c);
		// evict the least recently used; never the one just fetched, which the caller's RandomAccess holds
		Iterator<Map.Entry<Long, Cell<IntArray>>> it = cache.entrySet().iterator();
		while (cache.size() > maxCells && it.hasNext()) {
			Map.Entry<Long, Cell<IntArray>> e = it.next();
			write(e.getKey(), e.getValue());
			it.remove();
		}
		return c;
	}

	private void write(long index, Cell<IntArray> c) {
		int[] data = c.getData().getCurrentStorageArray();
		ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asIntBuffer().put(data);
		try {
			long pos = index * cellBytes;
			while (b.hasRemaining()) pos += file.write(b, pos);
		} catch (IOException e) {
			throw new UncheckedIOException("DiskBackedIntImage: cannot write cell " + index, e);
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
