package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * The sum-of-squares error (Bishop eq. 4.11) per sample: L = (1/N)·½·Σ (y − t)², N the batch size
 * (axis 0). ∂L/∂y = (y − t)/N. For regression outputs (heat maps, distances).
 */
public final class SumOfSquares implements Loss {

	private Tensor grad;

	@Override public String name() { return "SumOfSquares"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		if (prediction.size() != target.size() || prediction.size() == 0)
			throw new IllegalArgumentException(name() + ": target " + target.shapeString() + " does not match prediction " + prediction.shapeString());
		int n = prediction.rank() == 0 ? 1 : prediction.dim(0);
		float[] y = prediction.data(), t = target.data(), g = new float[y.length];
		double sum = 0;
		for (int i = 0; i < y.length; i++) {
			double d = (double) y[i] - t[i];
			sum += d * d;
			g[i] = (float) (d / n);
		}
		if (Double.isNaN(sum)) throw new IllegalArgumentException(name() + ": NaN in prediction " + prediction.shapeString() + " or target");
		grad = new Tensor(g, prediction.shape());
		return 0.5 * sum / n;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
