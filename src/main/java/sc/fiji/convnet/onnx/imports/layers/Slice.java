package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** The range [start, start + length) of one axis (ONNX Split, Slice with step 1); the gradient is zero elsewhere. */
public final class Slice extends Layer {

	private final int axis, start, length;
	private int[] inputShape;

	public Slice(int axis, int start, int length) {
		if (axis < 0 || start < 0 || length <= 0) throw new IllegalArgumentException("Slice: axis " + axis + ", start " + start + ", length " + length);
		this.axis = axis; this.start = start; this.length = length;
	}

	@Override public String type() { return "OnnxSlice"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("axis", axis); o.addProperty("start", start); o.addProperty("length", length);
		return o;
	}

	public static Slice fromConfig(JsonObject o) { return new Slice(o.get("axis").getAsInt(), o.get("start").getAsInt(), o.get("length").getAsInt()); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		if (axis >= s.length || start + length > s[axis])
			throw error("range " + start + ".." + (start + length) + " of axis " + axis + " is outside shape " + Arrays.toString(s));
		int[] o = s.clone();
		o[axis] = length;
		return o;
	}

	private void copy(int[] s, float[] src, float[] dst, boolean forward) {
		int outer = Shapes.product(s, 0, axis), inner = Shapes.product(s, axis + 1, s.length), n = s[axis];
		for (int o = 0; o < outer; o++) {
			int big = (o * n + start) * inner, small = o * length * inner;
			if (forward) System.arraycopy(src, big, dst, small, length * inner);
			else System.arraycopy(src, small, dst, big, length * inner);
		}
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape();
		Tensor y = Tensor.zeros(outputShape(s));
		copy(s, inputs[0].data(), y.data(), true);
		inputShape = s;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		if (!Arrays.equals(dy.shape(), outputShape(inputShape))) throw error("output gradient " + dy.shapeString() + " does not match input " + Arrays.toString(inputShape));
		Tensor dx = Tensor.zeros(inputShape);
		copy(inputShape, dy.data(), dx.data(), false);
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; }
}
