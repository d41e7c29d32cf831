package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Binary cross-entropy on logits (Bishop eq. 5.74 with the sigmoid folded in), averaged over all values:
 * L = mean[max(x, 0) − x·t + ln(1 + e^{−|x|})], which equals −[t·ln σ(x) + (1−t)·ln(1−σ(x))] without
 * overflow. Targets in [0, 1], same number of values as the logits. ∂L/∂x = (σ(x) − t)/count.
 */
public final class BinaryCrossEntropyWithLogits implements Loss {

	private Tensor grad;

	@Override public String name() { return "BinaryCrossEntropyWithLogits"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		if (prediction.size() != target.size() || prediction.size() == 0)
			throw new IllegalArgumentException(name() + ": target " + target.shapeString() + " does not match logits " + prediction.shapeString());
		float[] x = prediction.data(), t = target.data(), g = new float[x.length];
		double sum = 0;
		for (int i = 0; i < x.length; i++) {
			double xi = x[i], ti = t[i];
			if (!(ti >= 0 && ti <= 1)) throw new IllegalArgumentException(name() + ": target value " + ti + " at " + i + " is outside [0, 1]");
			sum += Math.max(xi, 0) - xi * ti + Math.log1p(Math.exp(-Math.abs(xi)));
			double sig = xi >= 0 ? 1 / (1 + Math.exp(-xi)) : Math.exp(xi) / (1 + Math.exp(xi));
			g[i] = (float) ((sig - ti) / x.length);
		}
		if (Double.isNaN(sum)) throw new IllegalArgumentException(name() + ": NaN in logits " + prediction.shapeString());
		grad = new Tensor(g, prediction.shape());
		return sum / x.length;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
