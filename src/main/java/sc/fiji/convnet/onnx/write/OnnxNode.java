package sc.fiji.convnet.onnx.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One operator of the graph (NodeProto) with its attributes. Made by {@link OnnxWriter#node}; the
 * attribute methods return the node so that calls chain.
 */
public final class OnnxNode {

	final String opType;
	final List<String> inputs;
	final List<String> outputs;
	String name = "";
	String domain = "";
	final List<Attribute> attributes = new ArrayList<>();

	OnnxNode(String opType, String[] inputs, String[] outputs) {
		if (opType == null || opType.isEmpty()) throw new IllegalArgumentException("ONNX node: empty op_type");
		this.opType = opType;
		this.inputs = Arrays.asList(inputs.clone());
		this.outputs = Arrays.asList(outputs.clone());
	}

	public OnnxNode name(String nodeName) { this.name = nodeName; return this; }

	/** The operator set domain; empty for the standard ai.onnx operators. */
	public OnnxNode domain(String opDomain) { this.domain = opDomain; return this; }

	public OnnxNode attr(String attrName, long value) { return add(new Attribute(attrName, Attribute.INT, value, 0f, null, null, null, null)); }

	public OnnxNode attr(String attrName, float value) { return add(new Attribute(attrName, Attribute.FLOAT, 0, value, null, null, null, null)); }

	public OnnxNode attr(String attrName, String value) {
		return add(new Attribute(attrName, Attribute.STRING, 0, 0f, value.getBytes(StandardCharsets.UTF_8), null, null, null));
	}

	public OnnxNode attr(String attrName, OnnxTensor value) { return add(new Attribute(attrName, Attribute.TENSOR, 0, 0f, null, value, null, null)); }

	public OnnxNode attrInts(String attrName, long... values) { return add(new Attribute(attrName, Attribute.INTS, 0, 0f, null, null, values.clone(), null)); }

	public OnnxNode attrInts(String attrName, int... values) {
		long[] l = new long[values.length];
		for (int i = 0; i < values.length; i++) l[i] = values[i];
		return attrInts(attrName, l);
	}

	public OnnxNode attrFloats(String attrName, float... values) { return add(new Attribute(attrName, Attribute.FLOATS, 0, 0f, null, null, null, values.clone())); }

	private OnnxNode add(Attribute a) {
		for (Attribute b : attributes)
			if (b.name.equals(a.name)) throw new IllegalArgumentException("ONNX node " + opType + " '" + name + "': attribute '" + a.name + "' given twice");
		attributes.add(a);
		return this;
	}

	/** AttributeProto content; {@code type} holds the AttributeType code. */
	static final class Attribute {
		static final int FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, FLOATS = 6, INTS = 7;
		final String name;
		final int type;
		final long i;
		final float f;
		final byte[] s;
		final OnnxTensor t;
		final long[] ints;
		final float[] floats;

		Attribute(String name, int type, long i, float f, byte[] s, OnnxTensor t, long[] ints, float[] floats) {
			if (name == null || name.isEmpty()) throw new IllegalArgumentException("ONNX attribute: empty name");
			this.name = name; this.type = type; this.i = i; this.f = f; this.s = s; this.t = t; this.ints = ints; this.floats = floats;
		}
	}
}
