package sc.fiji.convnet.model;

/** A model description that cannot be read or used; the message names the file and the problem. */
public class ModelFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ModelFormatException(String message) { super(message); }

	public ModelFormatException(String message, Throwable cause) { super(message, cause); }
}
