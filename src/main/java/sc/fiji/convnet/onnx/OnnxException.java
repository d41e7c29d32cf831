package sc.fiji.convnet.onnx;

/** A problem with an ONNX model or with ONNX Runtime; the message names the file and what is wrong. */
public class OnnxException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public OnnxException(String message) { super(message); }

	public OnnxException(String message, Throwable cause) { super(message, cause); }
}
