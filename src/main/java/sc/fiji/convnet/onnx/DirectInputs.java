package sc.fiji.convnet.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Native-memory buffers for the float inputs of ONNX Runtime runs, kept per thread and reused run after run. Given a
 * heap buffer, ONNX Runtime's Java API copies it into a fresh direct buffer on every run, which only a garbage
 * collection frees; the JVM collects rarely when the heap fills slowly, so a long series of runs piled up hundreds
 * of megabytes of native memory and each run got slower (the detector went from 2.8 to 14 ms per run within a few
 * seconds). A run closes its input tensors before it returns, so the next run on the same thread may overwrite them.
 */
final class DirectInputs {

	/** Inputs larger than this (in floats) get a buffer of their own, not kept: a whole-slide tile must not stay resident. */
	private static final int KEEP_AT_MOST = 1 << 24;

	private static final ThreadLocal<List<FloatBuffer>> BUFFERS = ThreadLocal.withInitial(ArrayList::new);

	private DirectInputs() {}

	/** The values in a direct buffer for the {@code slot}-th input of a run on this thread (position 0, limit their count). */
	static FloatBuffer copy(int slot, float[] values) {
		FloatBuffer b;
		if (values.length > KEEP_AT_MOST) b = allocate(values.length);
		else {
			List<FloatBuffer> kept = BUFFERS.get();
			while (kept.size() <= slot) kept.add(null);
			b = kept.get(slot);
			if (b == null || b.capacity() < values.length) kept.set(slot, b = allocate(values.length));
		}
		b.clear();
		b.put(values);
		b.flip();
		return b;
	}

	private static FloatBuffer allocate(int floats) {
		return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}
}
