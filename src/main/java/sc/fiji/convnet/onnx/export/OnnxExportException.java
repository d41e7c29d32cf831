package sc.fiji.convnet.onnx.export;

/** A network, or one of its layers, that cannot be written as ONNX; the message names the layer and its type. */
public final class OnnxExportException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public OnnxExportException(String message) { super(message); }

	public OnnxExportException(String message, Throwable cause) { super(message, cause); }
}
