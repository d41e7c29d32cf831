package sc.fiji.convnet.segment;

import sc.fiji.convnet.tensor.Tensor;

/** Softmax over the channels at every pixel of a 1×K×H×W tensor, in place: logits to class probabilities. */
public final class ChannelSoftmax {

	private ChannelSoftmax() {}

	public static Tensor apply(Tensor t) {
		int k = t.c(), plane = t.h() * t.w();
		float[] d = t.data();
		for (int n = 0; n < t.n(); n++) {
			int base = n * k * plane;
			for (int i = 0; i < plane; i++) {
				float max = Float.NEGATIVE_INFINITY;
				for (int c = 0; c < k; c++) max = Math.max(max, d[base + c * plane + i]);
				double sum = 0;
				for (int c = 0; c < k; c++) sum += Math.exp(d[base + c * plane + i] - max);
				for (int c = 0; c < k; c++) d[base + c * plane + i] = (float) (Math.exp(d[base + c * plane + i] - max) / sum);
			}
		}
		return t;
	}
}
