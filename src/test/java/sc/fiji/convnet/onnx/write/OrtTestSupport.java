package sc.fiji.convnet.onnx.write;

import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs written models in ONNX Runtime (created through DJL first, which must own the environment). */
final class OrtTestSupport {

	private OrtTestSupport() {}

	static synchronized OrtEnvironment environment() {
		System.setProperty("ai.djl.offline", "true");
		ai.djl.engine.Engine.getEngine("OnnxRuntime");
		return OrtEnvironment.getEnvironment();
	}

	/** Runs a one-input, one-output float model and returns the output values. */
	static float[] run(byte[] model, String inputName, float[] input, long[] shape) throws OrtException {
		OrtEnvironment env = environment();
		try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
			opts.setIntraOpNumThreads(1);
			opts.setInterOpNumThreads(1);
			try (OrtSession session = env.createSession(model, opts);
					ai.onnxruntime.OnnxTensor x = ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
					OrtSession.Result r = session.run(Map.of(inputName, x))) {
				FloatBuffer out = ((ai.onnxruntime.OnnxTensor) r.get(0)).getFloatBuffer();
				float[] y = new float[out.remaining()];
				out.get(y);
				return y;
			}
		}
	}
}
