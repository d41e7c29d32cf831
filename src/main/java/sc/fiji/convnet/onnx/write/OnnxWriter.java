package sc.fiji.convnet.onnx.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.CodedOutputStream;

/**
 * Builds an ONNX model (one graph) and writes it in the protobuf wire format, without generated protobuf
 * classes. Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 *
 * <pre>
 * OnnxWriter m = new OnnxWriter("conv").opset(17);
 * m.input("x", OnnxDim.param("N"), OnnxDim.of(3), OnnxDim.of(64), OnnxDim.of(64));
 * m.initializer(OnnxTensor.floats("w", weights, 8, 3, 3, 3));
 * m.node("Conv", new String[] {"x", "w"}, new String[] {"y"}).attrInts("pads", 1, 1, 1, 1);
 * m.output("y", ...);
 * byte[] bytes = m.toByteArray();
 * </pre>
 */
public final class OnnxWriter {

	/** IR version 8 goes with opset 17 (ONNX 1.12–1.13). */
	public static final long DEFAULT_IR_VERSION = 8;
	public static final long DEFAULT_OPSET = 17;

	private final String graphName;
	private long irVersion = DEFAULT_IR_VERSION;
	private long opset = DEFAULT_OPSET;
	private String producerName = "ConvNet for Fiji";
	private String producerVersion = "";
	private String docString = "";
	private final List<OnnxNode> nodes = new ArrayList<>();
	private final List<OnnxTensor> initializers = new ArrayList<>();
	private final List<ValueInfo> inputs = new ArrayList<>();
	private final List<ValueInfo> outputs = new ArrayList<>();
	private final List<ValueInfo> valueInfos = new ArrayList<>();

	public OnnxWriter(String graphName) {
		this.graphName = graphName == null ? "" : graphName;
	}

	public OnnxWriter opset(long version) { this.opset = version; return this; }

	public OnnxWriter irVersion(long version) { this.irVersion = version; return this; }

	public OnnxWriter producer(String name, String version) {
		this.producerName = name;
		this.producerVersion = version;
		return this;
	}

	public OnnxWriter doc(String text) { this.docString = text; return this; }

	/** A float graph input. */
	public OnnxWriter input(String name, OnnxDim... dims) { return input(name, OnnxElementType.FLOAT, dims); }

	public OnnxWriter input(String name, OnnxElementType type, OnnxDim... dims) {
		inputs.add(new ValueInfo(name, type, dims));
		return this;
	}

	/** A float graph output. */
	public OnnxWriter output(String name, OnnxDim... dims) { return output(name, OnnxElementType.FLOAT, dims); }

	public OnnxWriter output(String name, OnnxElementType type, OnnxDim... dims) {
		outputs.add(new ValueInfo(name, type, dims));
		return this;
	}

	/** Optional type and shape of an intermediate value. */
	public OnnxWriter valueInfo(String name, OnnxElementType type, OnnxDim... dims) {
		valueInfos.add(new ValueInfo(name, type, dims));
		return this;
	}

	/** A constant (weights, biases, shapes): a graph initializer, not listed among the inputs. */
	public OnnxWriter initializer(OnnxTensor tensor) {
		initializers.add(tensor);
		return this;
	}

	/** Appends a node; nodes must be added in topological order. Returns it for its attributes. */
	public OnnxNode node(String opType, String[] nodeInputs, String[] nodeOutputs) {
		OnnxNode node = new OnnxNode(opType, nodeInputs, nodeOutputs);
		nodes.add(node);
		return node;
	}

	public byte[] toByteArray() {
		validate();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		writeTo(bytes);
		return bytes.toByteArray();
	}

	public void write(Path file) throws IOException {
		sc.fiji.convnet.io.AtomicFiles.write(file, toByteArray()); // complete or absent
	}

	public void writeTo(OutputStream stream) {
		validate();
		try {
			CodedOutputStream out = CodedOutputStream.newInstance(stream);
			out.writeInt64(1, irVersion);                         // ModelProto.ir_version
			writeString(out, 2, producerName);                    // producer_name
			writeString(out, 3, producerVersion);                 // producer_version
			writeString(out, 6, docString);                       // doc_string
			out.writeByteArray(7, graph());                       // graph
			out.writeByteArray(8, opsetImport());                 // opset_import
			out.flush();
		} catch (IOException e) {
			throw new UncheckedIOException("ONNX writer: cannot write model '" + graphName + "'", e);
		}
	}

	/** Every node input must be a graph input, an initializer or an earlier node's output. */
	private void validate() {
		if (outputs.isEmpty()) throw new IllegalStateException("ONNX writer: graph '" + graphName + "' has no outputs");
		Set<String> known = new HashSet<>();
		for (ValueInfo v : inputs) known.add(v.name);
		for (OnnxTensor t : initializers)
			if (!known.add(t.name)) throw new IllegalStateException("ONNX writer: name '" + t.name + "' is defined twice in graph '" + graphName + "'");
		for (OnnxNode n : nodes) {
			for (String in : n.inputs)
				if (!in.isEmpty() && !known.contains(in))
					throw new IllegalStateException("ONNX writer: node " + n.opType + " '" + n.name + "' reads '" + in
							+ "', which no input, initializer or earlier node of graph '" + graphName + "' defines");
			for (String o : n.outputs)
				if (!known.add(o)) throw new IllegalStateException("ONNX writer: value '" + o + "' is produced twice in graph '" + graphName + "'");
		}
		for (ValueInfo v : outputs)
			if (!known.contains(v.name)) throw new IllegalStateException("ONNX writer: output '" + v.name + "' of graph '" + graphName + "' is never produced");
	}

	private byte[] opsetImport() throws IOException {
		return message(out -> out.writeInt64(2, opset)); // OperatorSetIdProto.version; empty domain = ai.onnx
	}

	private byte[] graph() throws IOException {
		return message(out -> {
			for (OnnxNode n : nodes) out.writeByteArray(1, node(n));      // GraphProto.node
			writeString(out, 2, graphName);                               // name
			for (OnnxTensor t : initializers) out.writeByteArray(5, tensor(t)); // initializer
			for (ValueInfo v : inputs) out.writeByteArray(11, v.encode());      // input
			for (ValueInfo v : outputs) out.writeByteArray(12, v.encode());     // output
			for (ValueInfo v : valueInfos) out.writeByteArray(13, v.encode());  // value_info
		});
	}

	private static byte[] node(OnnxNode n) throws IOException {
		return message(out -> {
			for (String in : n.inputs) out.writeString(1, in);            // NodeProto.input
			for (String o : n.outputs) out.writeString(2, o);             // output
			writeString(out, 3, n.name);                                  // name
			out.writeString(4, n.opType);                                 // op_type
			for (OnnxNode.Attribute a : n.attributes) out.writeByteArray(5, attribute(a)); // attribute
			writeString(out, 7, n.domain);                                // domain
		});
	}

	private static byte[] attribute(OnnxNode.Attribute a) throws IOException {
		return message(out -> {
			out.writeString(1, a.name);                                   // AttributeProto.name
			switch (a.type) {
			case OnnxNode.Attribute.FLOAT: out.writeFloat(2, a.f); break;
			case OnnxNode.Attribute.INT: out.writeInt64(3, a.i); break;
			case OnnxNode.Attribute.STRING: out.writeByteArray(4, a.s); break;
			case OnnxNode.Attribute.TENSOR: out.writeByteArray(5, tensor(a.t)); break;
			case OnnxNode.Attribute.FLOATS: for (float f : a.floats) out.writeFloat(7, f); break;
			case OnnxNode.Attribute.INTS: for (long i : a.ints) out.writeInt64(8, i); break;
			default: throw new IllegalStateException("ONNX attribute '" + a.name + "': unknown type " + a.type);
			}
			out.writeInt32(20, a.type);                                   // type
		});
	}

	private static byte[] tensor(OnnxTensor t) throws IOException {
		return message(out -> {
			for (long d : t.dims) out.writeInt64(1, d);                   // TensorProto.dims
			out.writeInt32(2, t.type.code);                               // data_type
			writeString(out, 8, t.name);                                  // name
			out.writeByteArray(9, t.raw);                                 // raw_data
		});
	}

	private static void writeString(CodedOutputStream out, int field, String s) throws IOException {
		if (s != null && !s.isEmpty()) out.writeString(field, s); // proto3: empty strings are omitted
	}

	private interface Body {
		void write(CodedOutputStream out) throws IOException;
	}

	private static byte[] message(Body body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CodedOutputStream out = CodedOutputStream.newInstance(bytes);
		body.write(out);
		out.flush();
		return bytes.toByteArray();
	}

	/** ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape: {dim*}}}}. */
	private static final class ValueInfo {
		final String name;
		final OnnxElementType type;
		final OnnxDim[] dims;

		ValueInfo(String name, OnnxElementType type, OnnxDim[] dims) {
			if (name == null || name.isEmpty()) throw new IllegalArgumentException("ONNX writer: graph value without a name");
			this.name = name;
			this.type = type;
			this.dims = dims.clone();
		}

		byte[] encode() throws IOException {
			byte[] shape = message(out -> {
				for (OnnxDim d : dims)
					out.writeByteArray(1, message(o -> {                  // TensorShapeProto.dim
						if (d.isSymbolic()) o.writeString(2, d.param);     // Dimension.dim_param
						else o.writeInt64(1, d.value);                     // Dimension.dim_value
					}));
			});
			byte[] tensorType = message(out -> {
				out.writeInt32(1, type.code);                             // TypeProto.Tensor.elem_type
				out.writeByteArray(2, shape);                             // shape
			});
			byte[] typeProto = message(out -> out.writeByteArray(1, tensorType)); // TypeProto.tensor_type
			return message(out -> {
				out.writeString(1, name);                                 // ValueInfoProto.name
				out.writeByteArray(2, typeProto);                         // type
			});
		}
	}
}
