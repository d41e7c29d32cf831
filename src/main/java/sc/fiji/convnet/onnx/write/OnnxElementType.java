package sc.fiji.convnet.onnx.write;

/** The element types of ONNX tensors we write, with their TensorProto.DataType codes. */
public enum OnnxElementType {
	FLOAT(1, 4), UINT8(2, 1), INT8(3, 1), INT32(6, 4), INT64(7, 8), BOOL(9, 1), DOUBLE(11, 8);

	/** TensorProto.DataType value. */
	public final int code;
	/** Bytes per element in raw_data. */
	public final int bytes;

	OnnxElementType(int code, int bytes) {
		this.code = code;
		this.bytes = bytes;
	}
}
