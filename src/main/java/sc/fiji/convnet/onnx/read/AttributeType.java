package sc.fiji.convnet.onnx.read;

/** {@code AttributeProto.AttributeType}, with its code. */
public enum AttributeType {
	UNDEFINED(0), FLOAT(1), INT(2), STRING(3), TENSOR(4), GRAPH(5), FLOATS(6), INTS(7), STRINGS(8), TENSORS(9),
	GRAPHS(10), SPARSE_TENSOR(11), SPARSE_TENSORS(12), TYPE_PROTO(13), TYPE_PROTOS(14);

	public final int code;

	AttributeType(int code) { this.code = code; }

	/** @return null for an unknown code */
	public static AttributeType of(long code) {
		for (AttributeType t : values()) if (t.code == code) return t;
		return null;
	}
}
