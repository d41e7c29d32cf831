package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The sum or the mean over some axes (ONNX ReduceSum, ReduceMean); the reduced axes keep length 1 (the importer
 * relabels the shape when ONNX drops them). Backward spreads ∂L/∂y over the reduced cells (÷ their count for the mean).
 */
public final class Reduce extends Layer {

	private final int[] axes;
	private final boolean mean;
	private int[] inputShape;

	public Reduce(int[] axes, boolean mean) {
		this.axes = axes.clone();
		this.mean = mean;
	}

	@Override public String type() { return "OnnxReduce"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("axes", array(axes));
		o.addProperty("mean", mean);
		return o;
	}

	public static Reduce fromConfig(JsonObject o) {
		com.google.gson.JsonArray a = o.getAsJsonArray("axes");
		int[] axes = new int[a.size()];
		for (int i = 0; i < axes.length; i++) axes[i] = a.get(i).getAsInt();
		return new Reduce(axes, o.get("mean").getAsBoolean());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] o = in[0].clone();
		for (int a : axes) {
			if (a < 0 || a >= o.length) throw error("axis " + a + " is outside shape " + Arrays.toString(in[0]));
			o[a] = 1;
		}
		return o;
	}

	/** For each input cell, the output cell it adds to (the output broadcast back over the input). */
	private int[] target(int[] s) { return Shapes.broadcastIndex(s, outputShape(s)); }

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), t = target(s);
		Tensor y = Tensor.zeros(outputShape(s));
		double[] sum = new double[y.size()];
		float[] x = inputs[0].data();
		for (int k = 0; k < x.length; k++) sum[t[k]] += x[k];
		double scale = mean ? (double) y.size() / Math.max(1, x.length) : 1;
		for (int i = 0; i < sum.length; i++) y.data()[i] = (float) (sum[i] * scale);
		inputShape = s;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		int[] t = target(inputShape);
		Tensor dx = Tensor.zeros(inputShape);
		double scale = mean ? (double) dy.size() / Math.max(1, dx.size()) : 1;
		for (int k = 0; k < t.length; k++) dx.data()[k] = (float) (dy.data()[t[k]] * scale);
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; }
}
