package sc.fiji.convnet.onnx.read;

import java.util.List;

/**
 * A node attribute. Exactly the field that {@link #type()} names holds the value; the typed getters check that the
 * attribute has the type asked for and say which it has otherwise.
 *
 * @param refAttrName inside a function body: the caller's attribute this one refers to (then there is no value)
 */
public record OnnxAttribute(String name, AttributeType type, String refAttrName, String docString,
		float f, long i, String s, OnnxTensor t, OnnxGraph g, OnnxSparseTensor sparseTensor, ValueInfo tp,
		float[] floats, long[] ints, List<String> strings, List<OnnxTensor> tensors, List<OnnxGraph> graphs,
		List<OnnxSparseTensor> sparseTensors, List<ValueInfo> typeProtos) {

	public OnnxAttribute {
		floats = floats == null ? new float[0] : floats;
		ints = ints == null ? new long[0] : ints;
		strings = strings == null ? List.of() : List.copyOf(strings);
		tensors = tensors == null ? List.of() : List.copyOf(tensors);
		graphs = graphs == null ? List.of() : List.copyOf(graphs);
		sparseTensors = sparseTensors == null ? List.of() : List.copyOf(sparseTensors);
		typeProtos = typeProtos == null ? List.of() : List.copyOf(typeProtos);
	}

	@Override
	public float[] floats() { return floats.clone(); }

	@Override
	public long[] ints() { return ints.clone(); }

	private void expect(AttributeType want) {
		if (type != want) throw new OnnxFormatException("attribute '" + name + "' is " + type + ", not " + want);
	}

	public float asFloat() { expect(AttributeType.FLOAT); return f; }
	public long asInt() { expect(AttributeType.INT); return i; }
	public String asString() { expect(AttributeType.STRING); return s; }
	public OnnxTensor asTensor() { expect(AttributeType.TENSOR); return t; }
	public OnnxGraph asGraph() { expect(AttributeType.GRAPH); return g; }
	public float[] asFloats() { expect(AttributeType.FLOATS); return floats(); }
	public long[] asInts() { expect(AttributeType.INTS); return ints(); }
	public List<String> asStrings() { expect(AttributeType.STRINGS); return strings; }
	public List<OnnxTensor> asTensors() { expect(AttributeType.TENSORS); return tensors; }
	public List<OnnxGraph> asGraphs() { expect(AttributeType.GRAPHS); return graphs; }

	/** The ints of an INTS attribute as int[], checked for overflow. */
	public int[] asIntArray() {
		long[] l = asInts();
		int[] r = new int[l.length];
		for (int k = 0; k < l.length; k++) {
			if (l[k] != (int) l[k]) throw new OnnxFormatException("attribute '" + name + "' value " + l[k] + " does not fit an int");
			r[k] = (int) l[k];
		}
		return r;
	}

	@Override
	public String toString() {
		String v = switch (type) {
		case FLOAT -> String.valueOf(f);
		case INT -> String.valueOf(i);
		case STRING -> "'" + s + "'";
		case FLOATS -> java.util.Arrays.toString(floats);
		case INTS -> java.util.Arrays.toString(ints);
		case STRINGS -> strings.toString();
		case TENSOR -> String.valueOf(t);
		case GRAPH -> "graph " + (g == null ? "?" : g.name());
		default -> type.name().toLowerCase();
		};
		return name + "=" + v;
	}
}
