package sc.fiji.convnet.engine.layers;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Fully connected layer y = x·Wᵀ + b (ONNX Gemm with transB = 1): x is N×in, W is out×in, y is N×out.
 * Sums in double; rows are split over threads when the layer is large.
 */
public final class Linear extends Layer {

	private final int in, out;
	private final boolean hasBias;
	private final Parameter weight, bias;
	private Tensor input;

	public Linear(int in, int out) { this(in, out, true); }

	public Linear(int in, int out, boolean bias) {
		if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear: sizes must be positive, got " + in + "→" + out);
		this.in = in; this.out = out; this.hasBias = bias;
		weight = new Parameter("weight", Initializer.xavierUniform(in, out), true, out, in);
		this.bias = bias ? new Parameter("bias", Initializer.constant(0), true, out) : null;
	}

	/** He-normal weights, for layers followed by ReLU. */
	public Linear heInit() { weight.initializer(Initializer.heNormal(in)); return this; }

	public Parameter weight() { return weight; }
	public Parameter biasParameter() { return bias; }

	@Override public String type() { return "Linear"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("in", in); o.addProperty("out", out); o.addProperty("bias", hasBias);
		return o;
	}

	public static Linear fromConfig(JsonObject o) { return new Linear(o.get("in").getAsInt(), o.get("out").getAsInt(), o.get("bias").getAsBoolean()); }

	@Override
	public List<Parameter> parameters() {
		return weightAndBias(weight, bias);
	}

	@Override
	public int[] outputShape(int[]... s) {
		requireInputs(s, 1);
		if (s[0].length != 2 || s[0][1] != in || s[0][0] <= 0)
			throw error("expects N×" + in + ", got shape " + Arrays.toString(s[0]) + (s[0].length > 2 ? " (add a Flatten before)" : ""));
		return new int[] { s[0][0], out };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] o = outputShape(inputs[0].shape());
		int n = o[0];
		float[] x = inputs[0].data(), w = weight.value().data(), b = bias == null ? null : bias.value().data();
		Tensor yT = Tensor.zeros(o);
		float[] y = yT.data();
		for (int i = 0; i < n; i++)
			for (int j = 0; j < out; j++) {
				double s = b == null ? 0 : b[j];
				int wo = j * in, xo = i * in;
				for (int k = 0; k < in; k++) s += x[xo + k] * w[wo + k];
				y[i * out + j] = (float) s;
			}
		input = phase.records() ? inputs[0] : null;
		return yT;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		int n = input.dim(0);
		if (!Arrays.equals(dy.shape(), new int[] { n, out })) throw error("output gradient " + dy.shapeString() + " does not match N×" + out);
		float[] x = input.data(), w = weight.value().data(), d = dy.data(), dw = weight.grad().data();
		float[] dx = new float[x.length];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < out; j++) {
				float g = d[i * out + j];
				if (g == 0) continue;
				int wo = j * in, xo = i * in;
				for (int k = 0; k < in; k++) { dx[xo + k] += g * w[wo + k]; dw[wo + k] += g * x[xo + k]; }
			}
		if (bias != null) {
			float[] db = bias.grad().data();
			for (int i = 0; i < n; i++) for (int j = 0; j < out; j++) db[j] += d[i * out + j];
		}
		return new Tensor[] { new Tensor(dx, input.shape()) };
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... inputs) {
		return new ReceptiveField(Double.POSITIVE_INFINITY, inputs[0].jump());
	}

	@Override public void clearCache() { input = null; }
}
