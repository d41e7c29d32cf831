package sc.fiji.convnet.engine.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** N×C×H×W (any rank ≥ 2) → N×(C·H·W), sharing the values. */
public final class Flatten extends Layer {

	private int[] inputShape;

	@Override public String type() { return "Flatten"; }
	@Override public JsonObject config() { return json(); }
	public static Flatten fromConfig(JsonObject o) { return new Flatten(); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (in[0].length < 1 || in[0][0] <= 0) throw error("expects a batch axis, got shape " + java.util.Arrays.toString(in[0]));
		long rest = Tensor.sizeOf(in[0]) / in[0][0];
		return new int[] { in[0][0], (int) rest };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		inputShape = inputs[0].shape();
		return inputs[0].reshape(outputShape(inputShape));
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		if (dy.size() != Tensor.sizeOf(inputShape)) throw error("output gradient " + dy.shapeString() + " does not match input " + java.util.Arrays.toString(inputShape));
		return new Tensor[] { dy.reshape(inputShape) };
	}

	@Override public void clearCache() { inputShape = null; }
}
