package sc.fiji.convnet.onnx.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import sc.fiji.convnet.tensor.HalfFloat;


/**
 * Reads ONNX files with protobuf's {@link CodedInputStream} field by field (no generated classes). Field numbers are
 * those of {@code onnx/onnx.proto}. Unknown fields are skipped, as protobuf does; a known field with the wrong wire
 * type, a truncated or inconsistent message, or data kept in external files raise {@link OnnxFormatException} with the
 * file and the path to the problem (e.g. {@code graph.node[3] Conv 'c1'.attribute 'pads'}).
 */
public final class OnnxReader {

	/** Deepest nesting of graphs in attributes (If/Loop bodies) that is accepted. */
	private static final int MAX_DEPTH = 64;

	private OnnxReader() {}

	public static OnnxModel read(Path file) {
		return read(readAll(file), file.toString());
	}

	/** @param source names the bytes in messages */
	public static OnnxModel read(byte[] bytes, String source) {
		return new Parser(bytes, source).model();
	}

	/**
	 * Parses the whole file and checks it as {@link #read} does, without converting tensor data (raw data is only
	 * measured): a cheap way to refuse a broken file before it reaches native code.
	 *
	 * @throws OnnxFormatException naming the file and the problem
	 */
	public static void check(Path file) {
		Parser p = new Parser(readAll(file), file.toString());
		p.materialize = false;
		p.model();
	}

	/** Reads a serialized TensorProto, as in the ONNX test data ({@code input_0.pb}). */
	public static OnnxTensor readTensor(Path file) {
		return readTensor(readAll(file), file.toString());
	}

	public static OnnxTensor readTensor(byte[] bytes, String source) {
		return new Parser(bytes, source).topTensor();
	}

	private static byte[] readAll(Path file) {
		try {
			if (!Files.isRegularFile(file)) throw new OnnxFormatException("ONNX file not found: " + file);
			if (Files.size(file) > Integer.MAX_VALUE - 8) throw new OnnxFormatException(file + " is larger than 2 GiB, which a protobuf cannot be");
			return Files.readAllBytes(file);
		} catch (IOException e) {
			throw new OnnxFormatException("cannot read " + file + ": " + e, e);
		}
	}

	/** Reads a message body; may throw IOException from protobuf. */
	private interface Body<T> { T read() throws IOException; }

	/** Handles one field; returns false to skip it. */
	private interface Field { boolean read(int number, int wireType) throws IOException; }

	private static final class Parser {
		final CodedInputStream in;
		final String source;
		final int length;
		final Deque<String> where = new ArrayDeque<>();
		/** false: raw tensor data is checked for size but not converted to arrays */
		boolean materialize = true;

		Parser(byte[] bytes, String source) {
			this.in = CodedInputStream.newInstance(bytes);
			this.in.enableAliasing(true); // raw_data stays a view of the file's bytes until converted
			this.in.setRecursionLimit(MAX_DEPTH);
			this.source = source;
			this.length = bytes.length;
		}

		OnnxFormatException error(String what) {
			return new OnnxFormatException(source + ": " + (where.isEmpty() ? "" : String.join(".", where) + ": ") + what);
		}

		OnnxModel model() {
			if (length == 0) throw error("empty file, not an ONNX model");
			return top(this::modelBody);
		}

		OnnxTensor topTensor() {
			if (length == 0) throw error("empty file, not a TensorProto");
			return top(() -> tensorBody(""));
		}

		private <T> T top(Body<T> body) {
			try {
				return body.read();
			} catch (IOException e) { // InvalidProtocolBufferException: truncated, malformed varint, bad tag ...
				throw error("not a valid protobuf (" + e.getMessage() + ")");
			} catch (ArithmeticException e) { // Math.*Exact on sizes
				throw error("sizes overflow: " + e.getMessage());
			}
		}

		/** Reads every field of the current message (up to the pushed limit) with {@code field}. */
		void fields(Field field) throws IOException {
			while (true) {
				int tag = in.readTag();
				if (tag == 0) return;
				int number = WireFormat.getTagFieldNumber(tag), wire = WireFormat.getTagWireType(tag);
				if (number == 0) throw error("field number 0");
				if (!field.read(number, wire)) {
					if (wire == WireFormat.WIRETYPE_END_GROUP) throw error("unexpected end-group tag");
					if (!in.skipField(tag)) throw error("unexpected end-group tag");
				}
			}
		}

		/** A length-delimited sub-message, read within its limit. */
		<T> T nested(int wire, String name, Body<T> body) throws IOException {
			expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
			int len = in.readRawVarint32();
			if (len < 0) throw error(name + ": negative length " + len);
			if (where.size() >= MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
			int old = in.pushLimit(len);
			where.addLast(name);
			T result = body.read();
			if (!in.isAtEnd()) throw error("message not fully read");
			where.removeLast();
			in.popLimit(old);
			return result;
		}

		void expectWire(int wire, int expected, String name) {
			if (wire != expected) throw error(name + " has wire type " + wire + ", expected " + expected);
		}

		String string(int wire, String name) throws IOException {
			expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
			return in.readBytes().toStringUtf8();
		}

		long varint(int wire, String name) throws IOException {
			expectWire(wire, WireFormat.WIRETYPE_VARINT, name);
			return in.readInt64();
		}

		// ---- ModelProto

		OnnxModel modelBody() throws IOException {
			long[] ir = { -1 }, modelVersion = { 0 };
			String[] text = { "", "", "", "" }; // producer name, producer version, domain, doc
			List<OpsetImport> opsets = new ArrayList<>();
			Map<String, String> metadata = new LinkedHashMap<>();
			OnnxGraph[] graph = { null };
			int[] functions = { 0 };
			fields((n, w) -> {
				switch (n) {
				case 1 -> ir[0] = varint(w, "ir_version");
				case 8 -> opsets.add(nested(w, "opset_import[" + opsets.size() + "]", this::opsetBody));
				case 2 -> text[0] = string(w, "producer_name");
				case 3 -> text[1] = string(w, "producer_version");
				case 4 -> text[2] = string(w, "domain");
				case 5 -> modelVersion[0] = varint(w, "model_version");
				case 6 -> text[3] = string(w, "doc_string");
				case 7 -> graph[0] = nested(w, "graph", this::graphBody);
				case 14 -> { String[] kv = nested(w, "metadata_props", this::entryBody); metadata.put(kv[0], kv[1]); }
				case 25 -> { expectWire(w, WireFormat.WIRETYPE_LENGTH_DELIMITED, "functions"); functions[0]++; return false; }
				default -> { return false; }
				}
				return true;
			});
			if (ir[0] < 0) throw error("no ir_version: not an ONNX model");
			if (graph[0] == null) throw error("no graph: not an ONNX model (or an empty one)");
			return new OnnxModel(source, ir[0], opsets, text[0], text[1], text[2], modelVersion[0], text[3], graph[0], metadata, functions[0]);
		}

		OpsetImport opsetBody() throws IOException {
			String[] domain = { "" };
			long[] version = { -1 };
			fields((n, w) -> {
				switch (n) {
				case 1 -> domain[0] = string(w, "domain");
				case 2 -> version[0] = varint(w, "version");
				default -> { return false; }
				}
				return true;
			});
			if (version[0] < 0) throw error("opset_import without a version");
			return new OpsetImport(domain[0], version[0]);
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

		// ---- GraphProto

		OnnxGraph graphBody() throws IOException {
			String[] text = { "", "" }; // name, doc
			List<OnnxNode> nodes = new ArrayList<>();
			Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
			List<OnnxSparseTensor> sparse = new ArrayList<>();
			List<ValueInfo> inputs = new ArrayList<>(), outputs = new ArrayList<>(), values = new ArrayList<>();
			fields((n, w) -> {
				switch (n) {
				case 1 -> nodes.add(nested(w, "node[" + nodes.size() + "]", this::nodeBody));
				case 2 -> text[0] = string(w, "name");
				case 5 -> {
					OnnxTensor t = nested(w, "initializer[" + initializers.size() + "]", () -> tensorBody("initializer"));
					if (initializers.put(t.name(), t) != null) throw error("two initializers named '" + t.name() + "'");
				}
				case 15 -> sparse.add(nested(w, "sparse_initializer[" + sparse.size() + "]", this::sparseBody));
				case 10 -> text[1] = string(w, "doc_string");
				case 11 -> inputs.add(nested(w, "input[" + inputs.size() + "]", () -> valueInfoBody(true)));
				case 12 -> outputs.add(nested(w, "output[" + outputs.size() + "]", () -> valueInfoBody(true)));
				case 13 -> values.add(nested(w, "value_info[" + values.size() + "]", () -> valueInfoBody(true)));
				default -> { return false; }
				}
				return true;
			});
			return new OnnxGraph(text[0], nodes, initializers, sparse, inputs, outputs, values, text[1]);
		}

		OnnxNode nodeBody() throws IOException {
			List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
			String[] text = { "", "", "", "" }; // name, op_type, domain, doc
			Map<String, OnnxAttribute> attributes = new LinkedHashMap<>();
			fields((n, w) -> {
				switch (n) {
				case 1 -> inputs.add(string(w, "input"));
				case 2 -> outputs.add(string(w, "output"));
				case 3 -> text[0] = string(w, "name");
				case 4 -> text[1] = string(w, "op_type");
				case 7 -> text[2] = string(w, "domain");
				case 5 -> {
					OnnxAttribute a = nested(w, "attribute[" + attributes.size() + "]", this::attributeBody);
					if (attributes.put(a.name(), a) != null) throw error("attribute '" + a.name() + "' given twice");
				}
				case 6 -> text[3] = string(w, "doc_string");
				default -> { return false; }
				}
				return true;
			});
			if (text[1].isEmpty()) throw error("node without op_type");
			return new OnnxNode(text[0], text[1], text[2], inputs, outputs, attributes, text[3]);
		}

		// ---- AttributeProto

		OnnxAttribute attributeBody() throws IOException {
			String[] text = { "", "", "", "" }; // name, ref_attr_name, doc, s
			long[] typeCode = { 0 }, i = { 0 };
			float[] f = { 0 };
			OnnxTensor[] t = { null };
			OnnxGraph[] g = { null };
			OnnxSparseTensor[] sp = { null };
			ValueInfo[] tp = { null };
			FloatList floats = new FloatList();
			LongList ints = new LongList();
			List<String> strings = new ArrayList<>();
			List<OnnxTensor> tensors = new ArrayList<>();
			List<OnnxGraph> graphs = new ArrayList<>();
			List<OnnxSparseTensor> sparses = new ArrayList<>();
			List<ValueInfo> types = new ArrayList<>();
			boolean[] seen = new boolean[24];
			fields((n, w) -> {
				if (n < seen.length) seen[n] = true;
				switch (n) {
				case 1 -> text[0] = string(w, "name");
				case 21 -> text[1] = string(w, "ref_attr_name");
				case 13 -> text[2] = string(w, "doc_string");
				case 20 -> typeCode[0] = varint(w, "type");
				case 2 -> { expectWire(w, WireFormat.WIRETYPE_FIXED32, "f"); f[0] = in.readFloat(); }
				case 3 -> i[0] = varint(w, "i");
				case 4 -> text[3] = string(w, "s");
				case 5 -> t[0] = nested(w, "t", () -> tensorBody("t"));
				case 6 -> g[0] = nested(w, "g", this::graphBody);
				case 22 -> sp[0] = nested(w, "sparse_tensor", this::sparseBody);
				case 14 -> tp[0] = nested(w, "tp", () -> typeBody(null));
				case 7 -> readFloats(w, floats, "floats");
				case 8 -> readInt64s(w, ints, "ints");
				case 9 -> strings.add(string(w, "strings"));
				case 10 -> tensors.add(nested(w, "tensors[" + tensors.size() + "]", () -> tensorBody("tensors")));
				case 11 -> graphs.add(nested(w, "graphs[" + graphs.size() + "]", this::graphBody));
				case 23 -> sparses.add(nested(w, "sparse_tensors[" + sparses.size() + "]", this::sparseBody));
				case 15 -> types.add(nested(w, "type_protos[" + types.size() + "]", () -> typeBody(null)));
				default -> { return false; }
				}
				return true;
			});
			if (text[0].isEmpty()) throw error("attribute without a name");
			AttributeType type = AttributeType.of(typeCode[0]);
			if (type == null) throw error("attribute '" + text[0] + "' has unknown type " + typeCode[0]);
			if (type == AttributeType.UNDEFINED && text[1].isEmpty()) type = inferType(seen, text[0]);
			String s = text[3];
			return new OnnxAttribute(text[0], type, text[1].isEmpty() ? null : text[1], text[2], f[0], i[0], s, t[0], g[0], sp[0], tp[0],
					floats.toArray(), ints.toArray(), strings, tensors, graphs, sparses, types);
		}

		/** IR version 1 had no type field: the field present tells the type. */
		AttributeType inferType(boolean[] seen, String name) {
			int[][] fieldToType = { { 2, 1 }, { 3, 2 }, { 4, 3 }, { 5, 4 }, { 6, 5 }, { 7, 6 }, { 8, 7 }, { 9, 8 }, { 10, 9 }, { 11, 10 }, { 22, 11 }, { 23, 12 }, { 14, 13 }, { 15, 14 } };
			for (int[] ft : fieldToType) if (seen[ft[0]]) return AttributeType.of(ft[1]);
			throw error("attribute '" + name + "' has neither a type nor a value");
		}

		// ---- TypeProto and ValueInfoProto

		ValueInfo valueInfoBody(boolean named) throws IOException {
			String[] text = { "", "" };
			ValueInfo[] type = { null };
			fields((n, w) -> {
				switch (n) {
				case 1 -> text[0] = string(w, "name");
				case 2 -> type[0] = nested(w, "type", () -> typeBody(null));
				case 3 -> text[1] = string(w, "doc_string");
				default -> { return false; }
				}
				return true;
			});
			if (named && text[0].isEmpty()) throw error("value without a name");
			ValueInfo t = type[0] == null ? new ValueInfo(text[0], "unknown", null, null, text[1]) : type[0];
			return new ValueInfo(text[0], t.kind(), t.elementType(), t.shape(), text[1]);
		}

		/** A TypeProto as a nameless ValueInfo: kind tensor/sparse_tensor with element type and shape, or another kind. */
		ValueInfo typeBody(String name) throws IOException {
			ValueInfo[] result = { new ValueInfo(name, "unknown", null, null, "") };
			fields((n, w) -> {
				switch (n) {
				case 1 -> result[0] = nested(w, "tensor_type", () -> tensorTypeBody("tensor"));
				case 8 -> result[0] = nested(w, "sparse_tensor_type", () -> tensorTypeBody("sparse_tensor"));
				case 4 -> { expectWire(w, WireFormat.WIRETYPE_LENGTH_DELIMITED, "sequence_type"); result[0] = new ValueInfo(name, "sequence", null, null, ""); return false; }
				case 5 -> { expectWire(w, WireFormat.WIRETYPE_LENGTH_DELIMITED, "map_type"); result[0] = new ValueInfo(name, "map", null, null, ""); return false; }
				case 9 -> { expectWire(w, WireFormat.WIRETYPE_LENGTH_DELIMITED, "optional_type"); result[0] = new ValueInfo(name, "optional", null, null, ""); return false; }
				default -> { return false; }
				}
				return true;
			});
			return result[0];
		}

		ValueInfo tensorTypeBody(String kind) throws IOException {
			long[] elem = { 0 };
			List<Dimension>[] shape = new List[] { null };
			fields((n, w) -> {
				switch (n) {
				case 1 -> elem[0] = varint(w, "elem_type");
				case 2 -> shape[0] = nested(w, "shape", this::shapeBody);
				default -> { return false; }
				}
				return true;
			});
			DataType type = DataType.of(elem[0]);
			if (type == null) throw error("unknown elem_type " + elem[0]);
			return new ValueInfo(null, kind, type, shape[0], "");
		}

		List<Dimension> shapeBody() throws IOException {
			List<Dimension> dims = new ArrayList<>();
			fields((n, w) -> {
				if (n != 1) return false;
				dims.add(nested(w, "dim[" + dims.size() + "]", this::dimensionBody));
				return true;
			});
			return dims;
		}

		Dimension dimensionBody() throws IOException {
			long[] value = { -1 };
			String[] param = { null };
			fields((n, w) -> {
				switch (n) {
				case 1 -> { value[0] = varint(w, "dim_value"); if (value[0] < 0) throw error("negative dim_value " + value[0]); }
				case 2 -> param[0] = string(w, "dim_param");
				default -> { return false; }
				}
				return true;
			});
			return new Dimension(value[0], value[0] >= 0 ? null : param[0]);
		}

		// ---- TensorProto

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

		// ---- repeated scalars, packed or not

		void readFloats(int wire, FloatList out, String name) throws IOException {
			if (wire == WireFormat.WIRETYPE_FIXED32) { out.add(in.readFloat()); return; }
			expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
			int len = in.readRawVarint32();
			if (len < 0 || len % 4 != 0) throw error(name + ": packed length " + len + " is not a multiple of 4");
			int old = in.pushLimit(len);
			out.reserve(len / 4);
			while (!in.isAtEnd()) out.add(in.readFloat());
			in.popLimit(old);
		}

		void readDoubles(int wire, DoubleList out, String name) throws IOException {
			if (wire == WireFormat.WIRETYPE_FIXED64) { out.add(in.readDouble()); return; }
			expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
			int len = in.readRawVarint32();
			if (len < 0 || len % 8 != 0) throw error(name + ": packed length " + len + " is not a multiple of 8");
			int old = in.pushLimit(len);
			out.reserve(len / 8);
			while (!in.isAtEnd()) out.add(in.readDouble());
			in.popLimit(old);
		}

		void readInt64s(int wire, LongList out, String name) throws IOException {
			if (wire == WireFormat.WIRETYPE_VARINT) { out.add(in.readInt64()); return; }
			expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
			int len = in.readRawVarint32();
			if (len < 0) throw error(name + ": negative packed length");
			int old = in.pushLimit(len);
			while (!in.isAtEnd()) out.add(in.readInt64());
			in.popLimit(old);
		}
	}

	/** Growable primitive lists, so that large weight arrays are not boxed. */
	private static final class FloatList {
		float[] a = new float[8];
		int n;
		void reserve(int more) { if (n + more > a.length) a = Arrays.copyOf(a, n + more); }
		void add(float v) { if (n == a.length) a = Arrays.copyOf(a, Math.max(8, n * 2)); a[n++] = v; }
		float[] toArray() { return Arrays.copyOf(a, n); }
	}

	private static final class DoubleList {
		double[] a = new double[8];
		int n;
		void reserve(int more) { if (n + more > a.length) a = Arrays.copyOf(a, n + more); }
		void add(double v) { if (n == a.length) a = Arrays.copyOf(a, Math.max(8, n * 2)); a[n++] = v; }
		double[] toArray() { return Arrays.copyOf(a, n); }
	}

	private static final class LongList {
		long[] a = new long[8];
		int n;
		void add(long v) { if (n == a.length) a = Arrays.copyOf(a, Math.max(8, n * 2)); a[n++] = v; }
		long[] toArray() { return Arrays.copyOf(a, n); }
	}
}
