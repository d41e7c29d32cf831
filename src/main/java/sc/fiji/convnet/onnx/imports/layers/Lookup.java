package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * ONNX Gather on axis 0 of a learned table with computed indices (an embedding lookup): the input holds integer
 * indices as float values (exact below 2^24); the output is the input's shape followed by a table row's shape.
 * Indices have no gradient; the table's rows accumulate theirs.
 */
public final class Lookup extends Layer {

	private final Parameter table;
	private Tensor indices;

	public Lookup(boolean trainable, int... tableShape) {
		if (tableShape.length < 1) throw new IllegalArgumentException("Lookup: the table needs at least one axis");
		table = new Parameter("table", Initializer.constant(0), trainable, tableShape);
	}

	public Parameter table() { return table; }

	@Override public String type() { return "OnnxLookup"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("trainable", table.trainable());
		o.add("shape", array(table.shape()));
		return o;
	}

	public static Lookup fromConfig(JsonObject o) { return new Lookup(o.get("trainable").getAsBoolean(), ints(o, "shape")); }

	@Override public List<Parameter> parameters() { return List.of(table); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] t = table.shape(), o = Arrays.copyOf(in[0], in[0].length + t.length - 1);
		System.arraycopy(t, 1, o, in[0].length, t.length - 1);
		return o;
	}

	private int row(float v) {
		int rows = table.shape()[0], i = (int) v;
		if (i != v || i < -rows || i >= rows) throw error("index " + v + " is not an integer in [" + -rows + ", " + rows + ")");
		return i < 0 ? i + rows : i;
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] o = outputShape(inputs[0].shape());
		int width = (int) (table.size() / table.shape()[0]);
		float[] idx = inputs[0].data(), t = table.value().data(), y = new float[Shapes.size(o)];
		for (int k = 0; k < idx.length; k++) System.arraycopy(t, row(idx[k]) * width, y, k * width, width);
		indices = phase.records() ? inputs[0] : null;
		return new Tensor(y, o);
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (indices == null) throw noCache();
		int width = (int) (table.size() / table.shape()[0]);
		float[] idx = indices.data(), d = dy.data(), g = table.grad().data();
		if (d.length != idx.length * width) throw error("output gradient " + dy.shapeString() + " does not match indices " + indices.shapeString());
		for (int k = 0; k < idx.length; k++) {
			int r = row(idx[k]) * width;
			for (int j = 0; j < width; j++) g[r + j] += d[k * width + j];
		}
		return new Tensor[] { Tensor.zeros(indices.shape()) };
	}

	@Override public void clearCache() { indices = null; }
}
