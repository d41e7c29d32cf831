package sc.fiji.convnet.predict;

import java.util.function.Supplier;

import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/** The ONNX Runtime backend: one cached session, tiles in, outputs out. */
public final class OnnxPredictor implements Predictor {

	private final Supplier<OnnxSession> sessions;
	private final String file;
	private final int sizeMultiple, halo, fixedSize, maxBatch;

	public OnnxPredictor(OnnxSession session, int sizeMultiple, int halo) {
		this(() -> session, sizeMultiple, halo);
	}

	/** @param sessions the session at each call (the shared cache's, reopened if it was evicted meanwhile) */
	public OnnxPredictor(Supplier<OnnxSession> sessions, int sizeMultiple, int halo) {
		this.sessions = sessions;
		OnnxSession session = sessions.get();
		this.file = String.valueOf(session.file().getFileName());
		long[] shape = session.inputs().get(0).shape();
		this.fixedSize = shape.length == 4 && shape[2] > 0 && shape[2] == shape[3] ? (int) shape[2] : 0;
		// a symbolic batch dimension takes any N; a fixed one (usually 1) one tile at a time
		this.maxBatch = shape.length == 4 && shape[0] < 0 ? Integer.MAX_VALUE : 1;
		this.sizeMultiple = Math.max(1, sizeMultiple);
		this.halo = halo;
	}

	@Override
	public Tensor predict(Tensor input) { return sessions.get().run(input); }

	@Override
	public int sizeMultiple() { return sizeMultiple; }

	@Override
	public int fixedSize() { return fixedSize; }

	@Override
	public int halo() { return halo; }

	@Override
	public int maxBatch() { return maxBatch; }

	@Override
	public String describe() { return "ONNX Runtime, " + file; }

	/** Sessions belong to the shared cache, which closes them; nothing to do here. */
	@Override
	public void close() {}
}
