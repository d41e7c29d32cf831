package sc.fiji.convnet.engine.kernels;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The packed forms of one convolution's weights, kept between forward passes for weights that no longer change (the
 * prediction-only copy of a network, {@code InferenceFolding}). Otherwise the vector kernels reorder the weights into
 * panels on every call, which on small planes, where each weight is used for few pixels, cost up to a quarter of the
 * layer (SqueezeNet's 512→1000 1×1 layer on 13×13: 0.22–0.34 ms of 1.2–1.3 ms). A form is made by the first call
 * that needs it and kept for the weight array it was made from; another array starts afresh. Costs the memory of one
 * more copy of the weights per form used.
 */
public final class PackedWeights {

	private final Map<String, float[]> forms = new HashMap<>();
	private float[] source;

	/** The form called {@code name} of w, packed by {@code pack} (into an array of its own) on first use. */
	synchronized float[] get(String name, float[] w, Supplier<float[]> pack) {
		if (source != w) {
			forms.clear();
			source = w;
		}
		return forms.computeIfAbsent(name, k -> pack.get());
	}
}
