package sc.fiji.convnet.engine.layers;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * y = f(x) element by element, any shape, computed in double; the backward pass multiplies by f'(x), which
 * subclasses give in terms of x and y.
 */
public abstract class PointwiseFunction extends SameShapeLayer {

	private Tensor input, output;

	/** The function. */
	protected abstract double f(double x);

	/** Its derivative at x, where y = f(x). */
	protected abstract double df(double x, double y);

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		float[] x = inputs[0].data(), y = new float[x.length];
		for (int i = 0; i < x.length; i++) y[i] = (float) f(x[i]);
		Tensor out = new Tensor(y, inputs[0].shape());
		input = phase.records() ? inputs[0] : null;
		output = phase.records() ? out : null;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		if (dy.size() != input.size()) throw error("output gradient " + dy.shapeString() + " does not match input " + input.shapeString());
		float[] x = input.data(), y = output.data(), d = dy.data(), dx = new float[x.length];
		for (int i = 0; i < x.length; i++) dx[i] = (float) (d[i] * df(x[i], y[i]));
		return new Tensor[] { new Tensor(dx, input.shape()) };
	}

	@Override public void clearCache() { input = null; output = null; }
}
