package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Softmax (or log-softmax) along one axis of a tensor: by default the channel axis (axis 1) at every position of an
 * N×C[×…] tensor. {@link #alongAxis} takes any axis, and with {@code flattenTail} the axes from that one to the end
 * form a single axis (what ONNX Softmax meant before opset 13).
 * <p>
 * Computed as {@code exp(x − max) / Σ exp(x − max)} and {@code (x − max) − log Σ exp(x − max)}: the maximum is
 * subtracted from each element before anything is added to it, so logits far from zero (10^19 after a deep network
 * with constant weights) keep their differences. The log-sum-exp shortcut {@code exp(x − (max + log Σ))} loses
 * {@code log Σ} against such a maximum and gives 1 everywhere.
 */
public final class Softmax extends Layer {

	private final boolean log, flattenTail;
	private final int axis;
	private Tensor output;

	public Softmax(boolean log) { this(log, 1, false); }

	private Softmax(boolean log, int axis, boolean flattenTail) {
		if (axis < 0) throw new IllegalArgumentException("Softmax: axis must be non-negative, got " + axis);
		this.log = log;
		this.axis = axis;
		this.flattenTail = flattenTail;
	}

	public static Softmax softmax() { return new Softmax(false); }
	public static Softmax logSoftmax() { return new Softmax(true); }

	/** Along {@code axis}; with {@code flattenTail}, along all axes from {@code axis} to the last as one. */
	public static Softmax alongAxis(int axis, boolean flattenTail, boolean log) { return new Softmax(log, axis, flattenTail); }

	public static Softmax fromConfig(JsonObject o, boolean log) {
		int axis = o.has("axis") ? o.get("axis").getAsInt() : 1;
		boolean flatten = o.has("flattenTail") && o.get("flattenTail").getAsBoolean();
		return new Softmax(log, axis, flatten);
	}

	public boolean isLog() { return log; }
	public int axis() { return axis; }
	public boolean flattenTail() { return flattenTail; }

	@Override public String type() { return log ? "LogSoftmax" : "Softmax"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		if (axis != 1 || flattenTail) { // the channel softmax keeps its old, empty description
			o.addProperty("axis", axis);
			o.addProperty("flattenTail", flattenTail);
		}
		return o;
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (axis >= in[0].length) throw error("axis " + axis + " is outside shape " + Arrays.toString(in[0]));
		return in[0].clone();
	}

	/** {outer, length, inner} of the softmax axis. */
	private int[] layout(int[] s) {
		int outer = product(s, 0, axis);
		if (flattenTail) return new int[] { outer, product(s, axis, s.length), 1 };
		return new int[] { outer, s[axis], product(s, axis + 1, s.length) };
	}

	private static int product(int[] s, int from, int to) {
		int p = 1;
		for (int i = from; i < to; i++) p *= s[i];
		return p;
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = outputShape(inputs[0].shape()), l = layout(s);
		float[] x = inputs[0].data(), y = new float[x.length];
		int len = l[1], inner = l[2];
		for (int o = 0; o < l[0]; o++)
			for (int p = 0; p < inner; p++) {
				int base = o * len * inner + p;
				double max = Double.NEGATIVE_INFINITY;
				for (int k = 0; k < len; k++) max = Math.max(max, x[base + k * inner]);
				double sum = 0;
				for (int k = 0; k < len; k++) sum += Math.exp(x[base + k * inner] - max);
				double logSum = Math.log(sum);
				for (int k = 0; k < len; k++) {
					double shifted = x[base + k * inner] - max;
					y[base + k * inner] = (float) (log ? shifted - logSum : Math.exp(shifted) / sum);
				}
			}
		Tensor out = new Tensor(y, s);
		output = phase.records() ? out : null;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (output == null) throw noCache();
		int[] s = output.shape(), l = layout(s);
		if (dy.size() != output.size()) throw error("output gradient " + dy.shapeString() + " does not match output " + output.shapeString());
		float[] y = output.data(), d = dy.data(), dx = new float[y.length];
		int len = l[1], inner = l[2];
		for (int o = 0; o < l[0]; o++)
			for (int p = 0; p < inner; p++) {
				int base = o * len * inner + p;
				double dot = 0;
				for (int k = 0; k < len; k++) dot += log ? d[base + k * inner] : (double) d[base + k * inner] * y[base + k * inner];
				for (int k = 0; k < len; k++) {
					int at = base + k * inner;
					dx[at] = (float) (log ? d[at] - Math.exp(y[at]) * dot : y[at] * (d[at] - dot));
				}
			}
		return new Tensor[] { new Tensor(dx, s) };
	}

	@Override public void clearCache() { output = null; }
}
