package sc.fiji.convnet.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/** Whether ONNX Runtime's natives load, and which versions of ORT and DJL are in use (for a Diagnostics command). */
public record OrtInfo(boolean available, String ortVersion, String djlVersion, String providers, String error) {

	/** Tries to start the engine; never throws. */
	public static OrtInfo probe() {
		try {
			OrtEnvironment env = DjlSetup.environment();
			String djl = Engine.getDjlVersion();
			return new OrtInfo(true, env.getVersion(), djl, String.valueOf(OrtEnvironment.getAvailableProviders()), null);
		} catch (Throwable t) {
			return new OrtInfo(false, null, null, null, String.valueOf(t.getCause() != null ? t.getCause() : t));
		}
	}

	/** One readable paragraph. */
	public String describe() {
		if (!available) return "ONNX Runtime: NOT available (" + error + ")";
		return "ONNX Runtime " + ortVersion + " through DJL " + djlVersion + ", execution providers " + providers
				+ ", os " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
	}
}
