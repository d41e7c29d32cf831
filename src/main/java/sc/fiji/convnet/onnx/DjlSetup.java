package sc.fiji.convnet.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * The one place where DJL and ONNX Runtime start. Every entry into ONNX Runtime calls {@link #environment()}
 * first, so that DJL runs offline (it never tries to download anything) and so that DJL's OnnxRuntime engine
 * creates the ORT environment (logging level, threading) before any direct ORT call would create a default one.
 */
public final class DjlSetup {

	public static final String ENGINE_NAME = "OnnxRuntime";

	static {
		offline();
	}

	/**
	 * Keeps DJL from ever reaching the network (update checks, engine downloads). Must run before any DJL
	 * class looks at the property; every entry point (facade, commands, command line) calls it first.
	 */
	public static void offline() {
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
	}

	private static volatile OrtEnvironment environment;
	private static volatile Throwable failure;

	private DjlSetup() {}

	/** DJL's OnnxRuntime engine, started once. */
	public static Engine engine() {
		environment();
		return Engine.getEngine(ENGINE_NAME);
	}

	/**
	 * The ORT environment that DJL's engine created (ORT keeps one per process).
	 *
	 * @throws OnnxException when the native libraries cannot be loaded, with the reason
	 */
	public static OrtEnvironment environment() {
		OrtEnvironment env = environment;
		if (env != null) return env;
		synchronized (DjlSetup.class) {
			if (environment != null) return environment;
			if (failure != null) throw notAvailable(failure);
			// DJL looks engines up through the thread's context class loader; inside ImageJ that is not
			// the plugin class loader, and DJL would answer "engine not found" although the jars are there
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(DjlSetup.class.getClassLoader());
			try {
				Engine engine = Engine.getEngine(ENGINE_NAME); // creates the environment through DJL
				if (engine == null) throw new IllegalStateException("DJL found no " + ENGINE_NAME + " engine on the class path");
				environment = OrtEnvironment.getEnvironment(); // returns the one DJL created
				return environment;
			} catch (Throwable t) { // UnsatisfiedLinkError, EngineException, ...
				failure = t;
				throw notAvailable(t);
			} finally {
				thread.setContextClassLoader(previous);
			}
		}
	}

	private static OnnxException notAvailable(Throwable t) {
		return new OnnxException("ONNX Runtime is not available (DJL engine " + ENGINE_NAME + " did not start): " + t, t);
	}
}
