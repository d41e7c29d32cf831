package sc.fiji.convnet;

import java.lang.management.ManagementFactory;

import sc.fiji.convnet.engine.kernels.Kernels;

/**
 * What a user reports when something does not load: Java, ONNX Runtime natives, vector kernels,
 * threads, heap, and the shipped and installed models with the task each is for. Every probe is guarded so that a broken native library shows up as a line of
 * text, never as an exception.
 */
public final class Diagnostics {

	private Diagnostics() {}

	public static String report() {
		sc.fiji.convnet.onnx.DjlSetup.offline();
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
		line(sb, "Vector module", vectorModule ? "present (jdk.incubator.vector)"
				: "absent, so the slower scalar kernels run; for the vector ones run bin/install-into-fiji on this installation again (it adds"
						+ " --add-modules=jdk.incubator.vector to the launcher; Java 16 or later), or start Java with that option");
		line(sb, "Convolution kernels", Kernels.best().name() + (Kernels.vectorActive() ? " (vector)" : " (scalar)"));
		line(sb, "DJL offline", System.getProperty("ai.djl.offline"));
		line(sb, "ONNX Runtime", sc.fiji.convnet.onnx.OrtInfo.probe().describe());
		sc.fiji.convnet.onnx.SessionCache sessions = sc.fiji.convnet.onnx.SessionCache.shared();
		line(sb, "ONNX sessions", sessions.size() + " open (at most " + sessions.capacity() + ", least recently used closed first)");
		sc.fiji.convnet.model.ModelRepository models = sc.fiji.convnet.model.ModelRepository.standard();
		line(sb, "Models", String.join(", ", models.names()) + " (install into " + models.installed() + ")");
		for (sc.fiji.convnet.model.ModelTask task : sc.fiji.convnet.model.ModelTask.values()) {
			java.util.List<String> usable = models.list(task);
			line(sb, "  " + task.name().toLowerCase(java.util.Locale.ROOT), usable.isEmpty() ? "none" : String.join(", ", usable));
		}
		return sb.toString();
	}

	private static void line(StringBuilder sb, String key, String value) {
		sb.append(String.format("  %-20s %s%n", key + ":", value));
	}
}
