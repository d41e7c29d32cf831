package sc.fiji.convnet.onnx.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.WireFormat;

import sc.fiji.convnet.onnx.read.PrimitiveLists.DoubleList;
import sc.fiji.convnet.onnx.read.PrimitiveLists.FloatList;
import sc.fiji.convnet.onnx.read.PrimitiveLists.LongList;
import sc.fiji.convnet.tensor.HalfFloat;

/** TensorProto and SparseTensorProto messages: their values from whichever field holds them, checked against their shape. */
class TensorMessageReader extends WireReader {

	TensorMessageReader(byte[] bytes, String source) {
		super(bytes, source);
	}

	OnnxTensor topTensor() {
		if (length == 0) throw error("empty file, not a TensorProto");
		return top(() -> tensorBody(""));
	}

	String[] entryBody() throws IOException {
		String[] kv = { "", "" };
		fields((n, w) -> {
			switch (n) {
			case 1 -> kv[0] = string(w, "key");
			case 2 -> kv[1] = string(w, "value");
			default -> { return false; }
			}
			return true;
		});
		return kv;
	}

	OnnxSparseTensor sparseBody() throws IOException {
		OnnxTensor[] vi = { null, null };
		LongList dims = new LongList();
		fields((n, w) -> {
			switch (n) {
			case 1 -> vi[0] = nested(w, "values", () -> tensorBody("values"));
			case 2 -> vi[1] = nested(w, "indices", () -> tensorBody("indices"));
			case 3 -> readInt64s(w, dims, "dims");
			default -> { return false; }
			}
			return true;
		});
		if (vi[0] == null || vi[1] == null) throw error("sparse tensor without values or indices");
		return new OnnxSparseTensor(vi[0], vi[1], dims.toArray());
	}

	OnnxTensor tensorBody(String role) throws IOException {
		LongList dims = new LongList(), int64 = new LongList(), uint64 = new LongList();
		long[] dataType = { 0 }, location = { 0 };
		String[] text = { "", "" }; // name, doc
		FloatList floats = new FloatList();
		LongList int32 = new LongList();
		DoubleList doubles = new DoubleList();
		List<String> strings = new ArrayList<>();
		ByteString[] raw = { null };
		List<String> external = new ArrayList<>();
		fields((n, w) -> {
			switch (n) {
			case 1 -> readInt64s(w, dims, "dims");
			case 2 -> dataType[0] = varint(w, "data_type");
			case 3 -> throw error("tensor '" + text[0] + "' is split into segments, which is not supported");
			case 4 -> readFloats(w, floats, "float_data");
			case 5 -> readInt64s(w, int32, "int32_data");
			case 6 -> strings.add(string(w, "string_data"));
			case 7 -> readInt64s(w, int64, "int64_data");
			case 8 -> text[0] = string(w, "name");
			case 12 -> text[1] = string(w, "doc_string");
			case 9 -> { expectWire(w, WireFormat.WIRETYPE_LENGTH_DELIMITED, "raw_data"); raw[0] = in.readBytes(); }
			case 13 -> { String[] kv = nested(w, "external_data", this::entryBody); external.add(kv[0] + "=" + kv[1]); }
			case 14 -> location[0] = varint(w, "data_location");
			case 10 -> readDoubles(w, doubles, "double_data");
			case 11 -> readInt64s(w, uint64, "uint64_data");
			default -> { return false; }
			}
			return true;
		});
		String name = text[0];
		if (location[0] == 1 || !external.isEmpty())
			throw error("tensor '" + name + "' keeps its data in an external file " + external
					+ "; external data is not supported: save the model with all tensors inside the .onnx file");
		DataType type = DataType.of(dataType[0]);
		if (type == null || type == DataType.UNDEFINED) throw error("tensor '" + name + "' has unknown data_type " + dataType[0]);
		long[] d = dims.toArray();
		for (long x : d) if (x < 0) throw error("tensor '" + name + "' has negative dimension in " + Arrays.toString(d));
		long count = OnnxTensor.count(d);
		Object values = values("tensor '" + name + "' " + type.onnxName() + Arrays.toString(d), type, count, raw[0], floats, int32, int64, uint64, doubles, strings);
		return new OnnxTensor(name, type, d, text[1], values);
	}

	/** The tensor's values from whichever field holds them, checked against the element count. */
	Object values(String what, DataType type, long count, ByteString raw, FloatList floats, LongList int32, LongList int64,
			LongList uint64, DoubleList doubles, List<String> strings) {
		if (count > Integer.MAX_VALUE - 8) throw error(what + " has " + count + " elements, more than a Java array holds");
		int n = (int) count;
		if (type == DataType.STRING) {
			if (strings.size() != n) throw error(what + " has " + strings.size() + " strings for " + n + " elements");
			return strings.toArray(new String[0]);
		}
		if (raw != null) return fromRaw(what, type, n, raw);
		boolean complex = type == DataType.COMPLEX64 || type == DataType.COMPLEX128;
		int expected = complex ? Math.multiplyExact(n, 2) : n;
		switch (type) {
		case FLOAT, COMPLEX64: {
			float[] f = floats.toArray();
			check(what, "float_data", f.length, expected);
			return complex ? floatsToBytes(f) : f;
		}
		case DOUBLE, COMPLEX128: {
			double[] v = doubles.toArray();
			check(what, "double_data", v.length, expected);
			if (!complex) return v;
			ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
			for (double x : v) b.putDouble(x);
			return b.array();
		}
		case INT64: {
			long[] v = int64.toArray();
			check(what, "int64_data", v.length, n);
			return v;
		}
		case UINT32, UINT64: {
			long[] v = uint64.toArray();
			check(what, "uint64_data", v.length, n);
			return v;
		}
		case INT32, INT16, INT8, UINT16, UINT8, BOOL: {
			long[] v = int32.toArray();
			check(what, "int32_data", v.length, n);
			int[] r = new int[n];
			for (int k = 0; k < n; k++) r[k] = (int) v[k];
			return r;
		}
		case FLOAT16, BFLOAT16: {
			long[] v = int32.toArray();
			check(what, "int32_data", v.length, n);
			float[] r = new float[n];
			for (int k = 0; k < n; k++) r[k] = halfToFloat(type, (short) v[k]);
			return r;
		}
		default: { // float8 and 4-bit types: one value (or two nibbles) per int32
			long[] v = int32.toArray();
			int bytes = type.size == 0 ? (n + 1) / 2 : n;
			check(what, "int32_data", v.length, bytes);
			byte[] r = new byte[bytes];
			for (int k = 0; k < bytes; k++) r[k] = (byte) v[k];
			return r;
		}
		}
	}

	void check(String what, String field, int got, int expected) {
		if (got != expected) throw error(what + " has " + got + " values in " + field + " for " + expected + " elements");
	}

	Object fromRaw(String what, DataType type, int n, ByteString raw) {
		long bytes = type.size == 0 ? (n + 1L) / 2 : (long) n * type.size;
		if (raw.size() != bytes) throw error(what + " has " + raw.size() + " bytes of raw_data for " + n + " elements (" + bytes + " expected)");
		if (!materialize) return new byte[0];
		ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
		switch (type) {
		case FLOAT: { float[] r = new float[n]; b.asFloatBuffer().get(r); return r; }
		case DOUBLE: { double[] r = new double[n]; b.asDoubleBuffer().get(r); return r; }
		case INT64, UINT64: { long[] r = new long[n]; b.asLongBuffer().get(r); return r; }
		case UINT32: { long[] r = new long[n]; for (int k = 0; k < n; k++) r[k] = b.getInt() & 0xffffffffL; return r; }
		case INT32: { int[] r = new int[n]; b.asIntBuffer().get(r); return r; }
		case INT16: { int[] r = new int[n]; for (int k = 0; k < n; k++) r[k] = b.getShort(); return r; }
		case UINT16: { int[] r = new int[n]; for (int k = 0; k < n; k++) r[k] = b.getShort() & 0xffff; return r; }
		case INT8: { int[] r = new int[n]; for (int k = 0; k < n; k++) r[k] = b.get(); return r; }
		case UINT8, BOOL: { int[] r = new int[n]; for (int k = 0; k < n; k++) r[k] = b.get() & 0xff; return r; }
		case FLOAT16, BFLOAT16: { float[] r = new float[n]; for (int k = 0; k < n; k++) r[k] = halfToFloat(type, b.getShort()); return r; }
		default: return raw.toByteArray(); // complex, float8, 4-bit
		}
	}

	static float halfToFloat(DataType type, short bits) {
		return type == DataType.BFLOAT16 ? HalfFloat.fromBfloat16(bits) : HalfFloat.fromHalf(bits);
	}

	static byte[] floatsToBytes(float[] f) {
		ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float x : f) b.putFloat(x);
		return b.array();
	}
}
