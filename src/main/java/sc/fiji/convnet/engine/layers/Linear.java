package sc.fiji.convnet.engine.layers;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
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
		// blocks of outputs in parallel; each dot product in a fixed order, whatever the number of threads
		int blocks = (out + OUTPUTS_PER_TASK - 1) / OUTPUTS_PER_TASK;
		Loops.tasks(n * blocks, t -> {
			int i = t / blocks, j0 = t % blocks * OUTPUTS_PER_TASK;
			for (int j = j0; j < Math.min(out, j0 + OUTPUTS_PER_TASK); j++)
				y[i * out + j] = (float) ((b == null ? 0 : b[j]) + dot(x, i * in, w, j * in, in));
		});
		input = phase.records() ? inputs[0] : null;
		return yT;
	}

	private static final int OUTPUTS_PER_TASK = 64;

	/**
	 * Σ x[xo + k]·w[wo + k] over k &lt; len in double, with four independent partial sums: one running sum waited
	 * for each addition, which made AlexNet's fully connected layers half its time.
	 */
	private static double dot(float[] x, int xo, float[] w, int wo, int len) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int k = 0;
		for (; k + 4 <= len; k += 4) {
			s0 += x[xo + k] * w[wo + k];
			s1 += x[xo + k + 1] * w[wo + k + 1];
			s2 += x[xo + k + 2] * w[wo + k + 2];
			s3 += x[xo + k + 3] * w[wo + k + 3];
		}
		for (; k < len; k++) s0 += x[xo + k] * w[wo + k];
		return (s0 + s1) + (s2 + s3);
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
