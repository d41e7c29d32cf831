package sc.fiji.convnet.engine.kernels;

/**
 * Chooses the fastest convolution kernels this JVM can run. The helper that owns the fast kernels
 * replaces the body of {@link #best()}; everything else asks here.
 */
public final class Kernels {

	private Kernels() {}

	private static final ConvKernels BEST = new ScalarConvKernels();

	public static ConvKernels best() { return BEST; }

	/** Whether the jdk.incubator.vector kernels are in use. */
	public static boolean vectorActive() { return false; }

	/** Worker threads for kernels: the user's setting, else all processors. */
	public static int defaultThreads() {
		String s = System.getProperty("convnet.threads");
		if (s != null) try { return Math.max(1, Integer.parseInt(s.trim())); } catch (NumberFormatException e) { /* fall through */ }
		return Runtime.getRuntime().availableProcessors();
	}
}
