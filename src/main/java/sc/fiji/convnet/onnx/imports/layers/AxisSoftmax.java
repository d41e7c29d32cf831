package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Softmax or log-softmax along one axis of any rank. With {@code flattenTail} the axes from {@code axis} to the
 * end form one axis, which is what ONNX Softmax and LogSoftmax meant before opset 13.
 */
public final class AxisSoftmax extends Layer {

	private final int axis;
	private final boolean flattenTail, log;
	private Tensor output;

	public AxisSoftmax(int axis, boolean flattenTail, boolean log) {
		if (axis < 0) throw new IllegalArgumentException("AxisSoftmax: axis must be non-negative, got " + axis);
		this.axis = axis; this.flattenTail = flattenTail; this.log = log;
	}

	@Override public String type() { return "OnnxAxisSoftmax"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("axis", axis); o.addProperty("flattenTail", flattenTail); o.addProperty("log", log);
		return o;
	}

	public static AxisSoftmax fromConfig(JsonObject o) {
		return new AxisSoftmax(o.get("axis").getAsInt(), o.get("flattenTail").getAsBoolean(), o.get("log").getAsBoolean());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (axis >= in[0].length) throw error("axis " + axis + " is outside shape " + Arrays.toString(in[0]));
		return in[0].clone();
	}

	/** {outer, length, inner} of the softmax axis. */
	private int[] layout(int[] s) {
		int outer = Shapes.product(s, 0, axis);
		if (flattenTail) return new int[] { outer, Shapes.product(s, axis, s.length), 1 };
		return new int[] { outer, s[axis], Shapes.product(s, axis + 1, s.length) };
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
				double logSum = max + Math.log(sum);
				for (int k = 0; k < len; k++) {
					double v = x[base + k * inner] - logSum;
					y[base + k * inner] = (float) (log ? v : Math.exp(v));
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
				for (int k = 0; k < len; k++) { int at = base + k * inner; dot += log ? d[at] : (double) d[at] * y[at]; }
				for (int k = 0; k < len; k++) {
					int at = base + k * inner;
					dx[at] = (float) (log ? d[at] - Math.exp(y[at]) * dot : y[at] * (d[at] - dot));
				}
			}
		return new Tensor[] { new Tensor(dx, s) };
	}

	@Override public void clearCache() { output = null; }
}
