package sc.fiji.convnet.spark.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A 2-D image in a Zarr v2 array: a bare array ({@code .zarray}) or an OME-Zarr image (a group whose
 * {@code .zattrs} {@code multiscales} name its full-resolution array). The last two axes are y and x; leading
 * axes (OME-Zarr's t, c, z) must have size 1. Images are read lazily, chunk by chunk ({@link #floats}), and
 * label images are written as OME-Zarr ({@link #createLabels}), which Fiji (N5/OME-Zarr readers,
 * BigDataViewer) and napari open.
 */
public final class ZarrPlane {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	private final ZarrArray array;
	private final long width, height;
	private final int chunkWidth, chunkHeight;

	private ZarrPlane(ZarrArray array) {
		long[] shape = array.shape();
		int n = shape.length;
		if (n < 2) throw new IllegalArgumentException(array.folder() + ": " + n + "-D array; a 2-D image (y, x) is needed");
		for (int d = 0; d < n - 2; d++)
			if (shape[d] != 1)
				throw new IllegalArgumentException(array.folder() + ": shape " + Arrays.toString(shape) + "; only one 2-D plane (y, x) is segmented: leading axes must have size 1");
		this.array = array;
		this.height = shape[n - 2];
		this.width = shape[n - 1];
		this.chunkHeight = array.chunks()[n - 2];
		this.chunkWidth = array.chunks()[n - 1];
	}

	/** Opens a Zarr array folder or an OME-Zarr image group (its first, full-resolution dataset). */
	public static ZarrPlane open(Path path) throws IOException {
		if (Files.isRegularFile(path.resolve(".zarray"))) return new ZarrPlane(ZarrArray.open(path));
		Path attrs = path.resolve(".zattrs");
		if (!Files.isRegularFile(attrs)) throw new NoSuchFileException(path.toString(), null, "neither a Zarr array (.zarray) nor an OME-Zarr image (.zattrs)");
		JsonObject o = GSON.fromJson(Files.readString(attrs), JsonObject.class);
		JsonArray multiscales = o.getAsJsonArray("multiscales");
		if (multiscales == null || multiscales.isEmpty()) throw new IOException(attrs + ": no multiscales; not an OME-Zarr image");
		String dataset = multiscales.get(0).getAsJsonObject().getAsJsonArray("datasets").get(0).getAsJsonObject().get("path").getAsString();
		return new ZarrPlane(ZarrArray.open(path.resolve(dataset)));
	}

	/**
	 * Creates an OME-Zarr label image (uint32, zlib) at {@code path}: a group with one dataset {@code 0} of the
	 * given size and chunking, axes y and x, and {@code image-label} metadata; every chunk not written reads 0.
	 */
	public static ZarrPlane createLabels(Path path, long width, long height, int chunkWidth, int chunkHeight) throws IOException {
		Files.createDirectories(path);
		ZarrArray.writeAtomically(path.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8));
		Map<String, Object> dataset = Map.of("path", "0", "coordinateTransformations", List.of(Map.of("type", "scale", "scale", List.of(1.0, 1.0))));
		Map<String, Object> multiscale = new LinkedHashMap<>();
		multiscale.put("version", "0.4");
		multiscale.put("name", path.getFileName().toString());
		multiscale.put("axes", List.of(Map.of("name", "y", "type", "space"), Map.of("name", "x", "type", "space")));
		multiscale.put("datasets", List.of(dataset));
		Map<String, Object> attrs = new LinkedHashMap<>();
		attrs.put("multiscales", List.of(multiscale));
		attrs.put("image-label", Map.of("version", "0.4"));
		ZarrArray.writeAtomically(path.resolve(".zattrs"), GSON.toJson(attrs).getBytes(StandardCharsets.UTF_8));
		return new ZarrPlane(ZarrArray.create(path.resolve("0"), new long[] { height, width }, new int[] { chunkHeight, chunkWidth }, "<u4", "zlib"));
	}

	public ZarrArray array() { return array; }
	public long width() { return width; }
	public long height() { return height; }
	public int chunkWidth() { return chunkWidth; }
	public int chunkHeight() { return chunkHeight; }
	public long chunkColumns() { return (width + chunkWidth - 1) / chunkWidth; }
	public long chunkRows() { return (height + chunkHeight - 1) / chunkHeight; }

	/** The array's grid position of chunk (column, row) of the plane. */
	public long[] position(long column, long row) {
		long[] p = new long[array.shape().length];
		p[p.length - 2] = row;
		p[p.length - 1] = column;
		return p;
	}

	/** Chunk (column, row): its values, x fastest, the whole padded chunk. */
	public float[] readChunk(long column, long row) throws IOException { return array.readFloats(position(column, row)); }

	/** Writes chunk (column, row) of a uint32 label image (x fastest, the whole padded chunk). */
	public void writeChunk(long column, long row, int[] labels) throws IOException { array.writeInts(position(column, row), labels); }

	/**
	 * The plane as a lazily read ImgLib2 image {@code (x, y)}: a cell is read when first touched and the
	 * {@code cachedChunks} most recently used ones are kept.
	 */
	public LazyCellImg<FloatType, FloatArray> floats(int cachedChunks) {
		CellGrid grid = new CellGrid(new long[] { width, height }, new int[] { chunkWidth, chunkHeight });
		Map<Long, Cell<FloatArray>> cache = new LinkedHashMap<>(16, 0.75f, true);
		LazyCellImg.Get<Cell<FloatArray>> get = index -> {
			synchronized (cache) {
				Cell<FloatArray> c = cache.get(index);
				if (c != null) return c;
				long[] min = new long[2];
				int[] dims = new int[2];
				grid.getCellDimensions(index, min, dims);
				float[] chunk;
				try {
					chunk = readChunk(min[0] / chunkWidth, min[1] / chunkHeight);
				} catch (IOException e) {
					throw new UncheckedIOException("cannot read " + array.folder() + " at " + Arrays.toString(min), e);
				}
				float[] values = new float[dims[0] * dims[1]];
				for (int y = 0; y < dims[1]; y++) System.arraycopy(chunk, y * chunkWidth, values, y * dims[0], dims[0]);
				c = new Cell<>(dims, min, new FloatArray(values));
				cache.put(index, c);
				for (Iterator<Long> it = cache.keySet().iterator(); cache.size() > Math.max(1, cachedChunks) && it.hasNext();) {
					if (it.next() != index) it.remove();
				}
				return c;
			}
		};
		return new LazyCellImg<>(grid, new FloatType(), get);
	}
}
