package sc.fiji.convnet.spark.zarr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * One Zarr v2 array in a folder on a (shared) file system: its {@code .zarray} metadata and its chunk files, in
 * C order, uncompressed or {@code zlib}/{@code gzip}-compressed, of the numeric dtypes ({@code |u1 <u2 <i2 <u4 <i4
 * <f4 <f8}, either byte order). Chunks at the far edges are stored whole (padded), as the spec says; a chunk file
 * that does not exist holds the fill value. Chunks are written to a temporary file beside their final name and
 * renamed into place, so a chunk file is always complete and a task that writes one again (a retry) replaces it
 * atomically.
 * <p>
 * Written by hand: the Zarr library on Maven Central ({@code dev.zarr:zarr-java}) exchanges data only as NetCDF's
 * {@code ucar.ma2.Array} ({@code edu.ucar:cdm-core}, not on Maven Central), and N5's {@code n5-zarr} is not on
 * Maven Central either. Blosc (a native library) is not read; re-save such arrays with zlib.
 */
public final class ZarrArray {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

	private final Path folder;
	private final long[] shape;
	private final int[] chunks;
	private final String dtype, compressor, separator;
	private final int level;
	private final double fill;
	private final ByteOrder order;
	private final char kind; // u, i, f
	private final int bytes;

	private ZarrArray(Path folder, long[] shape, int[] chunks, String dtype, String compressor, int level, double fill, String separator) {
		if (shape.length != chunks.length || shape.length == 0)
			throw new IllegalArgumentException(folder + ": shape " + Arrays.toString(shape) + " and chunks " + Arrays.toString(chunks) + " disagree");
		for (int c : chunks) if (c < 1) throw new IllegalArgumentException(folder + ": chunk edges must be ≥ 1, got " + Arrays.toString(chunks));
		this.folder = folder;
		this.shape = shape.clone();
		this.chunks = chunks.clone();
		this.dtype = dtype;
		this.compressor = compressor;
		this.level = level;
		this.fill = fill;
		this.separator = separator;
		if (dtype.length() != 3 || "<>|".indexOf(dtype.charAt(0)) < 0 || "uif".indexOf(dtype.charAt(1)) < 0)
			throw new IllegalArgumentException(folder + ": dtype " + dtype + " is not a numeric dtype (|u1, <u2, <i2, <u4, <i4, <f4, <f8 …)");
		this.order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		this.kind = dtype.charAt(1);
		this.bytes = dtype.charAt(2) - '0';
		if (!Arrays.asList(1, 2, 4, 8).contains(bytes) || (kind == 'f' && bytes < 4))
			throw new IllegalArgumentException(folder + ": dtype " + dtype + " is not supported");
	}

	/** Reads the array's {@code .zarray}. */
	public static ZarrArray open(Path folder) throws IOException {
		Path meta = folder.resolve(".zarray");
		if (!Files.isRegularFile(meta)) throw new NoSuchFileException(meta.toString(), null, "not a Zarr v2 array (no .zarray)");
		JsonObject o = GSON.fromJson(Files.readString(meta), JsonObject.class);
		if (o.get("zarr_format") == null || o.get("zarr_format").getAsInt() != 2) throw new IOException(meta + ": zarr_format is not 2");
		long[] shape = GSON.fromJson(o.get("shape"), long[].class);
		int[] chunks = GSON.fromJson(o.get("chunks"), int[].class);
		if (o.has("order") && !"C".equals(o.get("order").getAsString())) throw new IOException(meta + ": order " + o.get("order") + "; only C order is read");
		if (o.has("filters") && !o.get("filters").isJsonNull() && o.getAsJsonArray("filters").size() > 0)
			throw new IOException(meta + ": filters " + o.get("filters") + " are not supported");
		String compressor = null;
		int level = 1;
		JsonElement c = o.get("compressor");
		if (c != null && !c.isJsonNull()) {
			compressor = c.getAsJsonObject().get("id").getAsString();
			if (!compressor.equals("zlib") && !compressor.equals("gzip"))
				throw new IOException(meta + ": compressor '" + compressor + "' is not supported (uncompressed, zlib and gzip are); re-save the array with zlib");
			if (c.getAsJsonObject().has("level")) level = c.getAsJsonObject().get("level").getAsInt();
		}
		JsonElement f = o.get("fill_value");
		double fill = f == null || f.isJsonNull() ? 0 : f.getAsJsonPrimitive().isString() ? Double.parseDouble(f.getAsString()) : f.getAsDouble();
		String separator = o.has("dimension_separator") ? o.get("dimension_separator").getAsString() : ".";
		return new ZarrArray(folder, shape, chunks, o.get("dtype").getAsString(), compressor, level, fill, separator);
	}

	/**
	 * Creates an empty array (its {@code .zarray}; no chunks: every value is the fill value 0), replacing the
	 * metadata of one there.
	 *
	 * @param compressor null (uncompressed) or {@code "zlib"}
	 */
	public static ZarrArray create(Path folder, long[] shape, int[] chunks, String dtype, String compressor) throws IOException {
		ZarrArray a = new ZarrArray(folder, shape, chunks, dtype, compressor, 1, 0, ".");
		Files.createDirectories(folder);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("zarr_format", 2);
		m.put("shape", shape);
		m.put("chunks", chunks);
		m.put("dtype", dtype);
		m.put("compressor", compressor == null ? JsonNull.INSTANCE : Map.of("id", compressor, "level", 1));
		m.put("fill_value", 0);
		m.put("order", "C");
		m.put("filters", JsonNull.INSTANCE);
		m.put("dimension_separator", ".");
		writeAtomically(folder.resolve(".zarray"), GSON.toJson(m).getBytes(StandardCharsets.UTF_8));
		return a;
	}

	public Path folder() { return folder; }
	public long[] shape() { return shape.clone(); }
	public int[] chunks() { return chunks.clone(); }
	public String dtype() { return dtype; }
	public String compressor() { return compressor; }
	/** Values in one (whole, padded) chunk. */
	public int chunkValues() {
		long n = 1;
		for (int c : chunks) n *= c;
		if (n > Integer.MAX_VALUE / 8) throw new IllegalArgumentException(folder + ": chunks of " + Arrays.toString(chunks) + " are too large");
		return (int) n;
	}

	/** The chunk file of grid position {@code position} (one index per dimension, in the array's axis order). */
	public Path chunkFile(long[] position) {
		StringBuilder b = new StringBuilder();
		for (int d = 0; d < position.length; d++) b.append(d == 0 ? "" : separator).append(position[d]);
		return folder.resolve(b.toString());
	}

	/** A chunk's values as floats (C order, the whole padded chunk); the fill value where no chunk was written. */
	public float[] readFloats(long[] position) throws IOException {
		float[] out = new float[chunkValues()];
		byte[] raw = readRaw(position);
		if (raw == null) {
			Arrays.fill(out, (float) fill);
			return out;
		}
		if (raw.length != (long) out.length * bytes)
			throw new IOException(chunkFile(position) + ": " + raw.length + " bytes after decompression, expected " + (long) out.length * bytes);
		ByteBuffer b = ByteBuffer.wrap(raw).order(order);
		for (int i = 0; i < out.length; i++) {
			out[i] = switch (kind) {
				case 'f' -> bytes == 4 ? b.getFloat() : (float) b.getDouble();
				case 'u' -> switch (bytes) {
					case 1 -> b.get() & 0xff;
					case 2 -> b.getShort() & 0xffff;
					case 4 -> b.getInt() & 0xffffffffL;
					default -> (float) b.getLong(); // beyond 2^63 wraps: no image has such values
				};
				default -> switch (bytes) {
					case 1 -> b.get();
					case 2 -> b.getShort();
					case 4 -> b.getInt();
					default -> b.getLong();
				};
			};
		}
		return out;
	}

	/** Writes a chunk of 4-byte integers ({@code <u4}, {@code <i4}), C order, the whole padded chunk. */
	public void writeInts(long[] position, int[] values) throws IOException {
		requireBytes(4, values.length, 'u', 'i');
		writeRaw(position, buffer(values.length, 4, b -> b.asIntBuffer().put(values)));
	}

	/** Writes a chunk of floats ({@code <f4}). */
	public void writeFloats(long[] position, float[] values) throws IOException {
		requireBytes(4, values.length, 'f', 'f');
		writeRaw(position, buffer(values.length, 4, b -> b.asFloatBuffer().put(values)));
	}

	/** Writes a chunk of 2-byte values ({@code <u2}, {@code <i2}). */
	public void writeShorts(long[] position, short[] values) throws IOException {
		requireBytes(2, values.length, 'u', 'i');
		writeRaw(position, buffer(values.length, 2, b -> b.asShortBuffer().put(values)));
	}

	/** Writes a chunk of bytes ({@code |u1}). */
	public void writeBytes(long[] position, byte[] values) throws IOException {
		requireBytes(1, values.length, 'u', 'i');
		writeRaw(position, values);
	}

	/** {@code n} values of {@code size} bytes in the array's byte order, filled by {@code fill}. */
	private byte[] buffer(int n, int size, java.util.function.Consumer<ByteBuffer> fill) {
		ByteBuffer b = ByteBuffer.allocate(n * size).order(order);
		fill.accept(b);
		return b.array();
	}

	private void requireBytes(int n, int length, char k1, char k2) {
		if (bytes != n || (kind != k1 && kind != k2)) throw new IllegalArgumentException(folder + ": dtype " + dtype + " cannot take these values");
		if (length != chunkValues()) throw new IllegalArgumentException(folder + ": " + length + " values for a chunk of " + chunkValues());
	}

	private byte[] readRaw(long[] position) throws IOException {
		Path f = chunkFile(position);
		if (!Files.isRegularFile(f)) return null;
		if (compressor == null) return Files.readAllBytes(f);
		try (InputStream in = compressor.equals("gzip") ? new GZIPInputStream(Files.newInputStream(f)) : new InflaterInputStream(Files.newInputStream(f))) {
			return in.readAllBytes();
		}
	}

	private void writeRaw(long[] position, byte[] raw) throws IOException {
		byte[] data = raw;
		if (compressor != null) {
			ByteArrayOutputStream buffer = new ByteArrayOutputStream(raw.length / 4 + 64);
			try (OutputStream out = compressor.equals("gzip") ? new GZIPOutputStream(buffer) : new DeflaterOutputStream(buffer, new Deflater(level))) {
				out.write(raw);
			}
			data = buffer.toByteArray();
		}
		writeAtomically(chunkFile(position), data);
	}

	/** Writes a temporary file beside {@code target} and renames it into place. */
	static void writeAtomically(Path target, byte[] data) throws IOException {
		Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
		try {
			Files.write(tmp, data);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(tmp);
		}
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "Zarr array %s: shape %s, chunks %s, %s, %s", folder, Arrays.toString(shape), Arrays.toString(chunks), dtype,
				compressor == null ? "uncompressed" : compressor);
	}
}
