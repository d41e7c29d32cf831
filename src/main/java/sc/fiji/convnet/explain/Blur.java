package sc.fiji.convnet.explain;

import sc.fiji.convnet.filters.Convolution2D;
import sc.fiji.convnet.filters.Kernel2D;
import sc.fiji.convnet.tensor.Tensor;

/** A separable Gaussian blur of every plane of an N×C×H×W tensor (replicated borders, same size). */
final class Blur {

	private Blur() {}

	static Tensor gaussian(Tensor x, double sigma) {
		if (!(sigma > 0)) return x;
		int r = Math.max(1, (int) Math.ceil(3 * sigma));
		float[] k = new float[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		Convolution2D conv = Convolution2D.defaults().threads(1);
		return conv.apply(conv.apply(x, Kernel2D.of(k.length, 1, k)), Kernel2D.of(1, k.length, k));
	}
}
