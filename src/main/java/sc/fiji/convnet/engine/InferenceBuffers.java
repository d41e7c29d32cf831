package sc.fiji.convnet.engine;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import sc.fiji.convnet.tensor.Tensor;

/**
 * The arrays of one thread's inference passes through a network: a layer's output array goes back here once the
 * last layer that reads it has run, and a later layer (of this pass or the next) of the same size takes it instead
 * of a new zeroed array. So a pass holds about its peak working set, and repeated passes allocate nothing but their
 * outputs. Only arrays handed out here are taken back.
 */
final class InferenceBuffers {

	private static final ThreadLocal<InferenceBuffers> ACTIVE = new ThreadLocal<>();

	private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
	private final Set<float[]> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());

	/** The buffers of the pass running on this thread, or null outside an inference pass. */
	static InferenceBuffers active() { return ACTIVE.get(); }

	/** Makes these the buffers of this thread's pass; returns the ones they replace (a pass inside a pass), or null. */
	InferenceBuffers activate() {
		InferenceBuffers before = ACTIVE.get();
		ACTIVE.set(this);
		return before;
	}

	/** Ends this pass's use, putting back what was active before it. */
	static void restore(InferenceBuffers before) {
		if (before == null) ACTIVE.remove();
		else ACTIVE.set(before);
	}

	/** A tensor of this shape with stale values, for a layer that overwrites all of them. */
	Tensor tensor(int... shape) {
		int n = Math.toIntExact(Tensor.sizeOf(shape));
		ArrayDeque<float[]> q = free.get(n);
		float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
		handedOut.add(a);
		return new Tensor(a, shape);
	}

	/** Takes {@code a} back if it came from here. */
	void giveBack(float[] a) {
		if (handedOut.remove(a)) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
	}

	/** Lets {@code a} go for good (the pass's output, which the caller keeps). */
	void release(float[] a) { handedOut.remove(a); }
}
