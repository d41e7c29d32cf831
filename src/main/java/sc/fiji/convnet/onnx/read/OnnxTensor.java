package sc.fiji.convnet.onnx.read;

import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * A constant tensor from an ONNX file (an initializer, a tensor attribute, a {@code .pb} test tensor): name, element
 * type, dimensions and values in row-major order.
 * <p>
 * Values are kept in the narrowest Java array that holds them exactly: float[] for float, float16 and bfloat16;
 * double[] for double; long[] for int64, uint32 and uint64 (uint64 above 2^63 wraps to negative); int[] for the
 * smaller integer types and bool; strings as a list; float8, 4-bit and complex types as their raw bytes.
 */
public final class OnnxTensor {

	private final String name;
	private final DataType dataType;
	private final long[] dims;
	private final String docString;
	private final Object values;

	OnnxTensor(String name, DataType dataType, long[] dims, String docString, Object values) {
		this.name = name;
		this.dataType = dataType;
		this.dims = dims.clone();
		this.docString = docString;
		this.values = values;
	}

	/** A float tensor, for tests and for building models by hand. */
	public static OnnxTensor ofFloats(String name, float[] values, long... dims) {
		if (count(dims) != values.length)
			throw new IllegalArgumentException("tensor '" + name + "': " + values.length + " values for dims " + Arrays.toString(dims));
		return new OnnxTensor(name, DataType.FLOAT, dims, "", values.clone());
	}

	static long count(long[] dims) {
		long n = 1;
		for (long d : dims) n = Math.multiplyExact(n, d);
		return n;
	}

	public String name() { return name; }
	public DataType dataType() { return dataType; }
	public long[] dims() { return dims.clone(); }
	public int rank() { return dims.length; }
	public String docString() { return docString; }
	public long elementCount() { return count(dims); }

	/** Dimensions as ints, for {@link Tensor}. */
	public int[] intDims() {
		int[] d = new int[dims.length];
		for (int i = 0; i < d.length; i++) {
			if (dims[i] > Integer.MAX_VALUE) throw new OnnxFormatException("tensor '" + name + "' dimension " + dims[i] + " is too large");
			d[i] = (int) dims[i];
		}
		return d;
	}

	/** Values converted to float (a copy). Strings and raw-byte types cannot be converted. */
	public float[] toFloatArray() {
		if (values instanceof float[] f) return f.clone();
		if (values instanceof double[] d) { float[] r = new float[d.length]; for (int i = 0; i < d.length; i++) r[i] = (float) d[i]; return r; }
		if (values instanceof long[] l) { float[] r = new float[l.length]; for (int i = 0; i < l.length; i++) r[i] = l[i]; return r; }
		if (values instanceof int[] n) { float[] r = new float[n.length]; for (int i = 0; i < n.length; i++) r[i] = n[i]; return r; }
		throw notNumeric();
	}

	/** Values converted to double (a copy). */
	public double[] toDoubleArray() {
		if (values instanceof double[] d) return d.clone();
		if (values instanceof float[] f) { double[] r = new double[f.length]; for (int i = 0; i < f.length; i++) r[i] = f[i]; return r; }
		if (values instanceof long[] l) { double[] r = new double[l.length]; for (int i = 0; i < l.length; i++) r[i] = l[i]; return r; }
		if (values instanceof int[] n) { double[] r = new double[n.length]; for (int i = 0; i < n.length; i++) r[i] = n[i]; return r; }
		throw notNumeric();
	}

	/** Values converted to long (floating-point values are truncated toward zero). */
	public long[] toLongArray() {
		if (values instanceof long[] l) return l.clone();
		if (values instanceof int[] n) { long[] r = new long[n.length]; for (int i = 0; i < n.length; i++) r[i] = n[i]; return r; }
		if (values instanceof float[] f) { long[] r = new long[f.length]; for (int i = 0; i < f.length; i++) r[i] = (long) f[i]; return r; }
		if (values instanceof double[] d) { long[] r = new long[d.length]; for (int i = 0; i < d.length; i++) r[i] = (long) d[i]; return r; }
		throw notNumeric();
	}

	/** The values of a STRING tensor. */
	public List<String> strings() {
		if (values instanceof String[] s) return List.of(s);
		throw new OnnxFormatException("tensor '" + name + "' holds " + dataType.onnxName() + ", not strings");
	}

	/** The raw little-endian bytes of float8, 4-bit and complex tensors, which have no Java array here. */
	public byte[] rawBytes() {
		if (values instanceof byte[] b) return b.clone();
		throw new OnnxFormatException("tensor '" + name + "' (" + dataType.onnxName() + ") is not kept as raw bytes");
	}

	public boolean isNumeric() {
		return values instanceof float[] || values instanceof double[] || values instanceof long[] || values instanceof int[];
	}

	/** As a float {@link Tensor} with the same shape. */
	public Tensor toTensor() {
		return new Tensor(toFloatArray(), intDims());
	}

	private OnnxFormatException notNumeric() {
		return new OnnxFormatException("tensor '" + name + "' holds " + dataType.onnxName() + " values, which have no numeric conversion here");
	}

	@Override
	public String toString() {
		return "OnnxTensor '" + name + "' " + dataType.onnxName() + Arrays.toString(dims);
	}
}
