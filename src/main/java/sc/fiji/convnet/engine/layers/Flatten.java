package sc.fiji.convnet.engine.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.tensor.Tensor;

/** N×C×H×W (any rank ≥ 2) → N×(C·H·W), sharing the values. */
public final class Flatten extends ShapeOnlyLayer {

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
}
