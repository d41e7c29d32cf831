package sc.fiji.convnet.engine.layers;

import sc.fiji.convnet.engine.Layer;

/** A layer of one input whose output has the input's shape. */
public abstract class SameShapeLayer extends Layer {

	@Override
	public final int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		return in[0].clone();
	}
}
