package sc.fiji.convnet.tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Reads and writes NumPy {@code .npy} files (format versions 1, 2 and 3).
 * <p>
 * The format: the magic {@code \x93NUMPY}, a major and a minor version byte, the header length (2 bytes little-endian
 * in version 1, 4 bytes in versions 2 and 3), then an ASCII header that is a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 512, 512), }} padded with spaces and a newline so
 * that the data starts at a multiple of 64 bytes; then the raw values. Values of any numeric type become a float
 * {@link Tensor}; Fortran (column-major) order is reordered to row-major.
 */
public final class Npy {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };

	private Npy() {}

	/** The element type ('descr') and shape of a file's array, read from its header only. */
	public record Header(String descr, boolean fortranOrder, int[] shape, int dataOffset) {}

	public static Tensor read(Path file) throws IOException {
		return read(Files.readAllBytes(file), file.toString());
	}

	/** @param name used in error messages */
	public static Tensor read(byte[] bytes, String name) {
		Header h = header(bytes, name);
		long count = Tensor.sizeOf(h.shape);
		int size = elementSize(h.descr, name);
		if (h.dataOffset + count * size > bytes.length)
			throw new IllegalArgumentException(name + ": .npy data is truncated: shape " + java.util.Arrays.toString(h.shape)
					+ " of " + h.descr + " needs " + count * size + " bytes, " + (bytes.length - h.dataOffset) + " present");
		ByteBuffer b = ByteBuffer.wrap(bytes, h.dataOffset, (int) (count * size));
		b.order(h.descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[(int) count];
		String kind = h.descr.substring(1);
		for (int i = 0; i < values.length; i++) values[i] = readOne(b, kind);
		int[] shape = h.shape;
		if (h.fortranOrder && shape.length > 1) values = fortranToC(values, shape);
		return new Tensor(values, shape);
	}

	private static float readOne(ByteBuffer b, String kind) {
		return switch (kind) {
		case "f4" -> b.getFloat();
		case "f8" -> (float) b.getDouble();
		case "f2" -> HalfFloat.fromHalf(b.getShort());
		case "i1" -> b.get();
		case "u1", "b1" -> b.get() & 0xff;
		case "i2" -> b.getShort();
		case "u2" -> b.getShort() & 0xffff;
		case "i4" -> b.getInt();
		case "u4" -> b.getInt() & 0xffffffffL;
		case "i8" -> b.getLong();
		case "u8" -> { long v = b.getLong(); yield v >= 0 ? v : (v >>> 1) * 2f + (v & 1); }
		default -> throw new IllegalStateException(kind);
		};
	}

	private static int elementSize(String descr, String name) {
		if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0)
			throw new IllegalArgumentException(name + ": unsupported .npy dtype '" + descr + "'");
		String kind = descr.substring(1);
		return switch (kind) {
		case "f4", "i4", "u4" -> 4;
		case "f8", "i8", "u8" -> 8;
		case "f2", "i2", "u2" -> 2;
		case "i1", "u1", "b1" -> 1;
		default -> throw new IllegalArgumentException(name + ": unsupported .npy dtype '" + descr + "' (numeric types only)");
		};
	}

	/** Parses the header; throws IllegalArgumentException naming the file when it is not a valid .npy header. */
	public static Header header(byte[] bytes, String name) {
		if (bytes.length < 10) throw new IllegalArgumentException(name + ": too short for a .npy file (" + bytes.length + " bytes)");
		for (int i = 0; i < MAGIC.length; i++)
			if (bytes[i] != MAGIC[i]) throw new IllegalArgumentException(name + ": not a .npy file (magic \\x93NUMPY missing)");
		int major = bytes[6];
		int headerLength, start;
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (major == 1) {
			headerLength = b.getShort(8) & 0xffff;
			start = 10;
		} else if (major == 2 || major == 3) {
			if (bytes.length < 12) throw new IllegalArgumentException(name + ": truncated .npy header");
			headerLength = b.getInt(8);
			start = 12;
		} else throw new IllegalArgumentException(name + ": unsupported .npy version " + major);
		if (headerLength < 0 || start + (long) headerLength > bytes.length)
			throw new IllegalArgumentException(name + ": truncated .npy header (" + headerLength + " bytes announced)");
		String dict = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
		String descr = match(dict, "'descr'\\s*:\\s*'([^']*)'", name);
		String fortran = match(dict, "'fortran_order'\\s*:\\s*(True|False)", name);
		String shapeText = match(dict, "'shape'\\s*:\\s*\\(([^)]*)\\)", name);
		List<Integer> dims = new ArrayList<>();
		for (String s : shapeText.split(",")) {
			s = s.trim();
			if (s.isEmpty()) continue;
			try {
				dims.add(Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException(name + ": bad .npy shape (" + shapeText + ")");
			}
		}
		int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
		for (int d : shape) if (d < 0) throw new IllegalArgumentException(name + ": negative dimension in .npy shape (" + shapeText + ")");
		if (Tensor.sizeOf(shape) > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(name + ": .npy array (" + shapeText + ") has more than 2^31 values");
		return new Header(descr, fortran.equals("True"), shape, start + headerLength);
	}

	private static String match(String dict, String regex, String name) {
		Matcher m = Pattern.compile(regex).matcher(dict);
		if (!m.find()) throw new IllegalArgumentException(name + ": .npy header lacks " + regex.substring(0, regex.indexOf("'", 1) + 1) + ": " + dict.trim());
		return m.group(1);
	}

	/** Column-major values to row-major. */
	private static float[] fortranToC(float[] f, int[] shape) {
		float[] c = new float[f.length];
		int rank = shape.length;
		int[] idx = new int[rank];
		for (int i = 0; i < c.length; i++) {
			// idx is the row-major multi-index of i; its column-major offset:
			int off = 0;
			for (int a = rank - 1; a >= 0; a--) off = off * shape[a] + idx[a];
			c[i] = f[off];
			for (int a = rank - 1; a >= 0; a--) {
				if (++idx[a] < shape[a]) break;
				idx[a] = 0;
			}
		}
		return c;
	}

	/** Writes a tensor as little-endian float32, version 1.0, C order. */
	public static void write(Path file, Tensor t) throws IOException {
		sc.fiji.convnet.io.AtomicFiles.write(file, toBytes(t));
	}

	public static byte[] toBytes(Tensor t) {
		StringBuilder shape = new StringBuilder("(");
		int[] dims = t.shape();
		for (int i = 0; i < dims.length; i++) shape.append(i > 0 ? ", " : "").append(dims[i]);
		shape.append(dims.length == 1 ? ",)" : ")"); // numpy writes (5,) for rank 1
		StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
		int total = 10 + header.length() + 1;
		while (total % 64 != 0) { header.append(' '); total++; }
		header.append('\n');
		ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
		b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
		b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
		b.asFloatBuffer().put(t.data());
		return b.array();
	}
}
