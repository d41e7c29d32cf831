package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** ONNX Tile: the input repeated {@code repeats[d]} times along each axis d; backward sums over the copies. */
public final class Tile extends Layer {

	private final int[] repeats;
	private int[] inputShape;

	public Tile(int[] repeats) {
		for (int r : repeats) if (r < 1) throw new IllegalArgumentException("Tile: repeats must be at least 1, got " + Arrays.toString(repeats));
		this.repeats = repeats.clone();
	}

	@Override public String type() { return "OnnxTile"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("repeats", array(repeats));
		return o;
	}

	public static Tile fromConfig(JsonObject o) {
		com.google.gson.JsonArray a = o.getAsJsonArray("repeats");
		int[] r = new int[a.size()];
		for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsInt();
		return new Tile(r);
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (in[0].length != repeats.length) throw error(repeats.length + " repeats for shape " + Arrays.toString(in[0]));
		int[] o = in[0].clone();
		for (int d = 0; d < o.length; d++) o[d] *= repeats[d];
		return o;
	}

	/** For each output cell, the input cell it copies. */
	private int[] source(int[] s) {
		int[] o = outputShape(s), is = Shapes.strides(s), idx = new int[Shapes.size(o)], pos = new int[o.length];
		for (int k = 0; k < idx.length; k++) {
			int t = 0;
			for (int d = 0; d < o.length; d++) t += (pos[d] % s[d]) * is[d];
			idx[k] = t;
			for (int d = o.length - 1; d >= 0 && ++pos[d] == o[d]; d--) pos[d] = 0;
		}
		return idx;
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), src = source(s);
		Tensor y = Tensor.zeros(outputShape(s));
		float[] x = inputs[0].data();
		for (int k = 0; k < src.length; k++) y.data()[k] = x[src[k]];
		inputShape = s;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		int[] src = source(inputShape);
		Tensor dx = Tensor.zeros(inputShape);
		for (int k = 0; k < src.length; k++) dx.data()[src[k]] += dy.data()[k];
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; }
}
