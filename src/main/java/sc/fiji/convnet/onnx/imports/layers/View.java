package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A fixed full reshape, batch axis included (ONNX Reshape, Flatten, Squeeze, Unsqueeze where the batch
 * changes or the rank does not suit the engine's {@code Reshape}). The values are shared.
 */
public final class View extends Layer {

	private final int[] target;
	private int[] inputShape;

	public View(int... shape) {
		for (int d : shape) if (d <= 0) throw new IllegalArgumentException("View: dimensions must be positive, got " + Arrays.toString(shape));
		target = shape.clone();
	}

	@Override public String type() { return "OnnxView"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("shape", array(target));
		return o;
	}

	public static View fromConfig(JsonObject o) { return new View(ints(o, "shape")); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (Tensor.sizeOf(in[0]) != Tensor.sizeOf(target))
			throw error("cannot view " + Arrays.toString(in[0]) + " as " + Arrays.toString(target));
		return target.clone();
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		outputShape(inputs[0].shape());
		inputShape = inputs[0].shape();
		return inputs[0].reshape(target);
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		if (dy.size() != Tensor.sizeOf(inputShape)) throw error("output gradient " + dy.shapeString() + " does not match input " + Arrays.toString(inputShape));
		return new Tensor[] { dy.reshape(inputShape) };
	}

	@Override public void clearCache() { inputShape = null; }
}
