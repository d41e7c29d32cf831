package sc.fiji.convnet.predict;

/** Thrown when the user cancels long work; callers stop quietly and keep what was written. */
public final class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;
	public CancelledException() { super("cancelled by the user"); }
}
