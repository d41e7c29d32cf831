package sc.fiji.convnet.segment;

import sc.fiji.convnet.tensor.Tensor;

/** Softmax over the channels at every pixel of a 1×K×H×W tensor, in place: logits to class probabilities. */
public final class ChannelSoftmax {

	private ChannelSoftmax() {}

	public static Tensor apply(Tensor t) { return apply(t, t.c()); }

	/**
	 * Softmax over the first {@code classes} channels and a logistic sigmoid on each channel after them (a regression
	 * output in [0, 1], such as the distance channel of a three-class model with a distance output), in place.
	 */
	public static Tensor apply(Tensor t, int classes) {
		int k = t.c(), plane = t.h() * t.w();
		if (classes < 1 || classes > k) throw new IllegalArgumentException("ChannelSoftmax: softmax over " + classes + " of " + k + " channels");
		float[] d = t.data();
		for (int n = 0; n < t.n(); n++) {
			int base = n * k * plane;
			for (int i = 0; i < plane; i++) {
				float max = Float.NEGATIVE_INFINITY;
				for (int c = 0; c < classes; c++) max = Math.max(max, d[base + c * plane + i]);
				double sum = 0;
				for (int c = 0; c < classes; c++) sum += Math.exp(d[base + c * plane + i] - max);
				for (int c = 0; c < classes; c++) d[base + c * plane + i] = (float) (Math.exp(d[base + c * plane + i] - max) / sum);
				for (int c = classes; c < k; c++) d[base + c * plane + i] = (float) (1 / (1 + Math.exp(-d[base + c * plane + i])));
			}
		}
		return t;
	}

	/** The probabilities a model's logits give for its output kind: softmax over the classes, sigmoid on a distance channel. */
	public static Tensor forKind(Tensor t, InstanceDecoder.OutputKind kind) {
		return apply(t, kind == InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE ? 3 : t.c());
	}
}
