package sc.fiji.convnet.onnx.imports;

import sc.fiji.convnet.onnx.OnnxException;

/** The model uses an operator (or an operator's variant) that the importer cannot express in the engine. */
public final class UnsupportedOnnxException extends OnnxException {

	private static final long serialVersionUID = 1L;
	private final String op;

	public UnsupportedOnnxException(String op, String message) {
		super(message);
		this.op = op;
	}

	/** The ONNX operator type that stopped the import. */
	public String op() { return op; }
}
