package sc.fiji.convnet.onnx.read;

/** ONNX tensor element types ({@code TensorProto.DataType}), with their codes and sizes in raw_data. */
public enum DataType {
	UNDEFINED(0, 0), FLOAT(1, 4), UINT8(2, 1), INT8(3, 1), UINT16(4, 2), INT16(5, 2), INT32(6, 4), INT64(7, 8),
	STRING(8, 0), BOOL(9, 1), FLOAT16(10, 2), DOUBLE(11, 8), UINT32(12, 4), UINT64(13, 8), COMPLEX64(14, 8),
	COMPLEX128(15, 16), BFLOAT16(16, 2), FLOAT8E4M3FN(17, 1), FLOAT8E4M3FNUZ(18, 1), FLOAT8E5M2(19, 1),
	FLOAT8E5M2FNUZ(20, 1), UINT4(21, 0), INT4(22, 0), FLOAT4E2M1(23, 0);

	public final int code;
	/** Bytes per element in raw_data; 0 for strings and sub-byte types. */
	public final int size;

	DataType(int code, int size) {
		this.code = code;
		this.size = size;
	}

	private static final DataType[] BY_CODE = new DataType[24];
	static {
		for (DataType t : values()) BY_CODE[t.code] = t;
	}

	/** @return null for an unknown code */
	public static DataType of(long code) {
		return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
	}

	public boolean isFloatingPoint() {
		return this == FLOAT || this == DOUBLE || this == FLOAT16 || this == BFLOAT16;
	}

	public String onnxName() { return name().toLowerCase(); }
}
