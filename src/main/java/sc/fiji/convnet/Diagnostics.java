package sc.fiji.convnet;

import java.lang.management.ManagementFactory;

import sc.fiji.convnet.engine.kernels.Kernels;

/**
 * What a user reports when something does not load: Java, ONNX Runtime natives, vector kernels,
 * threads and heap. Every probe is guarded so that a broken native library shows up as a line of
 * text, never as an exception.
 */
public final class Diagnostics {

	private Diagnostics() {}

	public static String report() {
		Offline.ensure();
		StringBuilder sb = new StringBuilder("ConvNet for Fiji diagnostics\n");
		Package p = Diagnostics.class.getPackage();
		line(sb, "ConvNet version", p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "development build");
		line(sb, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
		line(sb, "Operating system", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
		line(sb, "Processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
		line(sb, "Engine threads", String.valueOf(Kernels.defaultThreads()));
		line(sb, "Maximum heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
		line(sb, "JVM arguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
		boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
		line(sb, "Vector module", vectorModule ? "present (jdk.incubator.vector)" : "absent: start Java with --add-modules jdk.incubator.vector for the fast kernels");
		line(sb, "Convolution kernels", Kernels.best().name() + (Kernels.vectorActive() ? " (vector)" : " (scalar)"));
		line(sb, "DJL offline", System.getProperty("ai.djl.offline"));
		line(sb, "ONNX Runtime", onnxRuntime());
		return sb.toString();
	}

	/** Loads ONNX Runtime through DJL (which must create the ORT environment first) and reports its version. */
	static String onnxRuntime() {
		// In ImageJ the plugin class loader is not the thread's context loader, and DJL finds engines
		// through the context loader: without the switch it reports "engine not found".
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(Diagnostics.class.getClassLoader());
		try {
			ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("OnnxRuntime");
			String djl = engine.getVersion();
			String ort = ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
			return "natives loaded, ONNX Runtime " + ort + " (DJL engine " + djl + "), providers " + ai.onnxruntime.OrtEnvironment.getAvailableProviders();
		} catch (Throwable t) {
			Throwable root = t;
			while (root.getCause() != null) root = root.getCause();
			return "NOT loaded: " + t.getClass().getSimpleName() + ": " + t.getMessage()
					+ (root != t ? " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
		} finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static void line(StringBuilder sb, String key, String value) {
		sb.append(String.format("  %-20s %s%n", key + ":", value));
	}
}
