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
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A cell image of 4-byte values (float outputs, int labels) kept in a file, with only the most recently used
 * cells in memory (written back when they leave the cache, and by {@link #flush()}). The file holds the cells
 * one after another, each padded to the full cell size, little-endian. For benchmarks: one writing thread at a
 * time (the tile stitcher or the label writer); the cache must hold at least the cells one row of tiles or one
 * block touches, or cells are written and read back repeatedly.
 */
final class DiskBackedImage<T extends NativeType<T>, A extends ArrayDataAccess<A>> implements AutoCloseable {

	/** How one value type is created and moved between its cell arrays and the file's bytes. */
	private record Codec<A>(IntFunction<A> create, BiConsumer<ByteBuffer, A> read, BiConsumer<A, ByteBuffer> write) {}

	private static final Codec<FloatArray> FLOATS = new Codec<>(n -> new FloatArray(n),
			(b, a) -> b.asFloatBuffer().get(a.getCurrentStorageArray(), 0, b.remaining() / 4),
			(a, b) -> b.asFloatBuffer().put(a.getCurrentStorageArray()));
	private static final Codec<IntArray> INTS = new Codec<>(n -> new IntArray(n),
			(b, a) -> b.asIntBuffer().get(a.getCurrentStorageArray(), 0, b.remaining() / 4),
			(a, b) -> b.asIntBuffer().put(a.getCurrentStorageArray()));

	private final CellGrid grid;
	private final Codec<A> codec;
	private final FileChannel file;
	private final long cellBytes;
	private final int maxCells;
	private final LinkedHashMap<Long, Cell<A>> cache = new LinkedHashMap<>(16, 0.75f, true);
	private final LazyCellImg<T, A> img;
	private long cellsWritten, cellsRead;

	static DiskBackedImage<FloatType, FloatArray> floats(Path path, long[] dims, int[] cellDims, int maxCells) throws IOException {
		return new DiskBackedImage<>(path, dims, cellDims, maxCells, new FloatType(), FLOATS);
	}

	static DiskBackedImage<IntType, IntArray> ints(Path path, long[] dims, int[] cellDims, int maxCells) throws IOException {
		return new DiskBackedImage<>(path, dims, cellDims, maxCells, new IntType(), INTS);
	}

	private DiskBackedImage(Path path, long[] dims, int[] cellDims, int maxCells, T type, Codec<A> codec) throws IOException {
		this.grid = new CellGrid(dims, cellDims);
		this.codec = codec;
		long values = 1;
		for (int d : cellDims) values *= d;
		this.cellBytes = values * 4;
		this.maxCells = maxCells;
		this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ,
				StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
		this.img = new LazyCellImg<>(grid, type, this::cell);
	}

	LazyCellImg<T, A> img() { return img; }

	private synchronized Cell<A> cell(long index) {
		Cell<A> c = cache.get(index);
		if (c != null) return c;
		long[] min = new long[grid.numDimensions()];
		int[] dims = new int[grid.numDimensions()];
		grid.getCellDimensions(index, min, dims);
		int n = 1;
		for (int d : dims) n *= d;
		A data = codec.create().apply(n);
		try {
			if (index * cellBytes < file.size()) {
				ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
				file.read(b, index * cellBytes);
				b.flip();
				codec.read().accept(b, data);
				cellsRead++;
			}
		} catch (IOException e) {
			throw new UncheckedIOException("DiskBackedImage: cannot read cell " + index, e);
		}
		c = new Cell<>(dims, min, data);
		cache.put(index, c);
		// evict the least recently used; never the one just fetched, which the caller's RandomAccess holds
		Iterator<Map.Entry<Long, Cell<A>>> it = cache.entrySet().iterator();
		while (cache.size() > maxCells && it.hasNext()) {
			Map.Entry<Long, Cell<A>> e = it.next();
			write(e.getKey(), e.getValue());
			it.remove();
		}
		return c;
	}

	private void write(long index, Cell<A> c) {
		A data = c.getData();
		ByteBuffer b = ByteBuffer.allocate(data.getArrayLength() * 4).order(ByteOrder.LITTLE_ENDIAN);
		codec.write().accept(data, b);
		try {
			long pos = index * cellBytes;
			while (b.hasRemaining()) pos += file.write(b, pos);
		} catch (IOException e) {
			throw new UncheckedIOException("DiskBackedImage: cannot write cell " + index, e);
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
