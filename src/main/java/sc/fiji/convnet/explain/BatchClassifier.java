package sc.fiji.convnet.explain;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Anything that gives class scores for a batch of images (N×C×H×W → N rows of K scores): an ONNX
 * Runtime session for models the engine cannot import, or an engine network.
 */
@FunctionalInterface
public interface BatchClassifier {

	float[][] scores(Tensor batch);

	/** Through ONNX Runtime; the model's first output holds the scores. */
	static BatchClassifier of(OnnxSession session) {
		return batch -> rows(session.run(batch));
	}

	/** Through ONNX Runtime, with the session looked up at each batch (the shared cache's, reopened if evicted). */
	static BatchClassifier of(java.util.function.Supplier<OnnxSession> sessions) {
		return batch -> rows(sessions.get().run(batch));
	}

	/** Through the engine (inference statistics). */
	static BatchClassifier of(Network net) {
		return batch -> rows(net.forward(batch));
	}

	static float[][] rows(Tensor output) {
		float[][] s = new float[output.dim(0)][];
		for (int n = 0; n < s.length; n++) s[n] = ClassScores.of(output, n);
		return s;
	}
}
