package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** A layer that only gives its one input another shape ({@link #outputShape}): values shared, gradient reshaped back. */
abstract class ShapeOnlyLayer extends Layer {

	private int[] inputShape;

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		inputShape = inputs[0].shape();
		return inputs[0].reshape(outputShape(inputShape));
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		if (dy.size() != Tensor.sizeOf(inputShape)) throw error("output gradient " + dy.shapeString() + " does not match input " + Arrays.toString(inputShape));
		return new Tensor[] { dy.reshape(inputShape) };
	}

	@Override public void clearCache() { inputShape = null; }
}
