package sc.fiji.convnet.onnx.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.WireFormat;

import sc.fiji.convnet.onnx.read.PrimitiveLists.FloatList;
import sc.fiji.convnet.onnx.read.PrimitiveLists.LongList;

/** ModelProto, GraphProto, NodeProto, AttributeProto and the type messages; field numbers as in {@code onnx/onnx.proto}. */
final class ModelMessageReader extends TensorMessageReader {

	ModelMessageReader(byte[] bytes, String source) {
		super(bytes, source);
	}

	OnnxModel model() {
		if (length == 0) throw error("empty file, not an ONNX model");
		return top(this::modelBody);
	}

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
}
