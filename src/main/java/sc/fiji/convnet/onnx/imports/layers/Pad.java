package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * ONNX Pad on any axes: a constant value, a mirror without repeating the edge ("reflect") or the edge repeated
 * ("edge"). Negative pads crop. The backward pass sends each output cell's gradient to the input cell it copies
 * (constant cells have none).
 */
public final class Pad extends Layer {

	public enum Mode { CONSTANT, REFLECT, EDGE }

	private final int[] begin, end;
	private final Mode mode;
	private final float value;
	private int[] inputShape;

	public Pad(int[] begin, int[] end, Mode mode, float value) {
		if (begin.length != end.length) throw new IllegalArgumentException("Pad: " + begin.length + " begin pads but " + end.length + " end pads");
		this.begin = begin.clone(); this.end = end.clone(); this.mode = mode; this.value = value;
	}

	@Override public String type() { return "OnnxPad"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("begin", array(begin)); o.add("end", array(end));
		o.addProperty("mode", mode.name()); o.addProperty("value", value);
		return o;
	}

	public static Pad fromConfig(JsonObject o) {
		return new Pad(ints(o, "begin"), ints(o, "end"), Mode.valueOf(o.get("mode").getAsString()), o.get("value").getAsFloat());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		if (s.length != begin.length) throw error("pads for rank " + begin.length + " but input shape " + Arrays.toString(s));
		int[] o = new int[s.length];
		for (int i = 0; i < s.length; i++) {
			o[i] = s[i] + begin[i] + end[i];
			if (o[i] <= 0) throw error("pads " + Arrays.toString(begin) + "/" + Arrays.toString(end) + " leave nothing of " + Arrays.toString(s));
			if (mode == Mode.REFLECT && (begin[i] >= s[i] || end[i] >= s[i]) && (begin[i] > 0 || end[i] > 0))
				throw error("reflect pads " + Arrays.toString(begin) + "/" + Arrays.toString(end) + " must be smaller than the input " + Arrays.toString(s));
		}
		return o;
	}

	/** Source coordinate of padded coordinate i (i in output frame minus begin), or −1 for a constant cell. */
	private int source(int i, int n) {
		if (i >= 0 && i < n) return i;
		return switch (mode) {
		case CONSTANT -> -1;
		case EDGE -> i < 0 ? 0 : n - 1;
		case REFLECT -> n == 1 ? 0 : i < 0 ? -i : 2 * (n - 1) - i;
		};
	}

	/** For every output cell, its input flat index or −1. */
	private int[] map(int[] s) {
		int[] o = outputShape(s), st = Shapes.strides(s);
		int r = s.length;
		int[][] src = new int[r][];
		for (int a = 0; a < r; a++) {
			src[a] = new int[o[a]];
			for (int i = 0; i < o[a]; i++) {
				int j = source(i - begin[a], s[a]);
				src[a][i] = j < 0 ? -1 : j * st[a];
			}
		}
		int n = Shapes.size(o);
		int[] idx = new int[n], counter = new int[r];
		for (int k = 0; k < n; k++) {
			int at = 0;
			for (int a = 0; a < r; a++) {
				int v = src[a][counter[a]];
				if (v < 0) { at = -1; break; }
				at += v;
			}
			idx[k] = at;
			for (int a = r - 1; a >= 0; a--) {
				if (++counter[a] < o[a]) break;
				counter[a] = 0;
			}
		}
		return idx;
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), idx = map(s);
		float[] x = inputs[0].data(), y = new float[idx.length];
		for (int k = 0; k < idx.length; k++) y[k] = idx[k] < 0 ? value : x[idx[k]];
		inputShape = s;
		return new Tensor(y, outputShape(s));
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		int[] idx = map(inputShape);
		if (dy.size() != idx.length) throw error("output gradient " + dy.shapeString() + " does not match the output for input " + Arrays.toString(inputShape));
		Tensor dx = Tensor.zeros(inputShape);
		float[] d = dy.data(), g = dx.data();
		for (int k = 0; k < idx.length; k++) if (idx[k] >= 0) g[idx[k]] += d[k];
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; }
}
