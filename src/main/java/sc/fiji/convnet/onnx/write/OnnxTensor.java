package sc.fiji.convnet.onnx.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A named constant tensor (TensorProto) whose values are kept as little-endian raw_data. */
public final class OnnxTensor {

	final String name;
	final OnnxElementType type;
	final long[] dims;
	final byte[] raw;

	private OnnxTensor(String name, OnnxElementType type, long[] dims, byte[] raw) {
		long count = 1;
		for (long d : dims) {
			if (d < 0) throw new IllegalArgumentException("ONNX tensor '" + name + "': negative dimension in " + Arrays.toString(dims));
			count *= d;
		}
		if (count * type.bytes != raw.length)
			throw new IllegalArgumentException("ONNX tensor '" + name + "': " + raw.length / type.bytes + " values do not fill shape " + Arrays.toString(dims));
		this.name = name;
		this.type = type;
		this.dims = dims.clone();
		this.raw = raw;
	}

	public static OnnxTensor floats(String name, float[] values, long... dims) {
		ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		buf.asFloatBuffer().put(values);
		return new OnnxTensor(name, OnnxElementType.FLOAT, dims, buf.array());
	}

	public static OnnxTensor int64s(String name, long[] values, long... dims) {
		ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
		buf.asLongBuffer().put(values);
		return new OnnxTensor(name, OnnxElementType.INT64, dims, buf.array());
	}

	/** A tensor of any element type from its little-endian bytes. */
	public static OnnxTensor raw(String name, OnnxElementType type, byte[] littleEndian, long... dims) {
		return new OnnxTensor(name, type, dims, littleEndian.clone());
	}

	public String name() { return name; }
	public long[] dims() { return dims.clone(); }
	public OnnxElementType type() { return type; }
}
