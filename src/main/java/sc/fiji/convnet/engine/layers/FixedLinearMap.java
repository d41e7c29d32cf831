package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A layer that is a fixed linear map of its one input (average pooling, bilinear resizing): {@link #sweep} maps the
 * input to the output, and, backwards, adds the transposed map of the output gradient into the input gradient.
 */
abstract class FixedLinearMap extends Layer {

	private int[] inputShape;

	/** forward: dst (output, shape o) from src (input, shape s); else dst (input gradient) += transposed map of src. */
	abstract void sweep(int[] s, int[] o, float[] src, float[] dst, boolean forward);

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		Tensor y = Tensor.zeros(o);
		sweep(s, o, inputs[0].data(), y.data(), true);
		inputShape = s;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		int[] o = outputShape(inputShape);
		if (!Arrays.equals(dy.shape(), o)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(o));
		Tensor dx = Tensor.zeros(inputShape);
		sweep(inputShape, o, dy.data(), dx.data(), false);
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; }
}
