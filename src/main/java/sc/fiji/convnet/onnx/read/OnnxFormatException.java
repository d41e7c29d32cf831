package sc.fiji.convnet.onnx.read;

import sc.fiji.convnet.onnx.OnnxException;

/** A file that is not a well-formed ONNX model or tensor; the message names the file and where it went wrong. */
public class OnnxFormatException extends OnnxException {

	private static final long serialVersionUID = 1L;

	public OnnxFormatException(String message) { super(message); }

	public OnnxFormatException(String message, Throwable cause) { super(message, cause); }
}
