package sc.fiji.convnet.engine.kernels;

/**
 * Chooses the fastest convolution kernels this JVM can run: the {@code jdk.incubator.vector} kernels when
 * that module is in the boot layer (JVM flag {@code --add-modules jdk.incubator.vector}), else the plain-Java
 * ones. {@code -Dconvnet.kernels=scalar} forces the plain-Java kernels.
 */
public final class Kernels {

	private Kernels() {}

	private static final String VECTOR_CLASS = "sc.fiji.convnet.engine.kernels.VectorConvKernels";
	private static final ConvKernels SCALAR = new ScalarConvKernels();
	private static final ConvKernels VECTOR = loadVector();
	private static final ConvKernels BEST =
			VECTOR != null && !"scalar".equalsIgnoreCase(System.getProperty("convnet.kernels", "").trim()) ? VECTOR : SCALAR;

	/** The vector kernels are only loaded by name, so that a JVM without the module never links them. */
	private static ConvKernels loadVector() {
		if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return null;
		try {
			return (ConvKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
		} catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
			return null;
		}
	}

	public static ConvKernels best() {
		ConvKernels chosen = override;
		return chosen != null ? chosen : BEST;
	}

	private static volatile ConvKernels override;

	/**
	 * Runs everything on the given kernels until the returned handle is closed. Tests use it to check
	 * whole networks in double precision with {@link ReferenceConvKernels}.
	 */
	public static AutoCloseable use(ConvKernels kernels) {
		ConvKernels previous = override;
		override = kernels;
		return () -> override = previous;
	}

	/** The plain-Java kernels, whatever the JVM. */
	public static ConvKernels scalar() { return SCALAR; }

	/** The jdk.incubator.vector kernels, or null where the module is absent. */
	public static ConvKernels vector() { return VECTOR; }

	/** Whether the jdk.incubator.vector kernels are in use. */
	public static boolean vectorActive() { return BEST == VECTOR && VECTOR != null; }

	/** Worker threads for kernels: the user's setting, else all processors. */
	public static int defaultThreads() {
		String s = System.getProperty("convnet.threads");
		if (s != null) try { return Math.max(1, Integer.parseInt(s.trim())); } catch (NumberFormatException e) { /* fall through */ }
		return Runtime.getRuntime().availableProcessors();
	}
}
