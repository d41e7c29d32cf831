package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Local response normalization across channels (Krizhevsky et al. 2012, as ONNX LRN defines it) on N×C[×…]:
 * {@code y_c = x_c / s_c^β} with {@code s_c = bias + (α/size)·Σ x_j²} over the channels
 * {@code j ∈ [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉]} that exist.
 * <p>
 * Backward: {@code ∂L/∂x_i = g_i·s_i^−β − (2αβ/size)·x_i·Σ_{c: i ∈ window(c)} g_c·x_c·s_c^(−β−1)}.
 */
public final class LocalResponseNorm extends Layer {

	private final int size;
	private final double alpha, beta, bias;
	private Tensor input, scale;

	public LocalResponseNorm(int size, double alpha, double beta, double bias) {
		if (size < 1) throw new IllegalArgumentException("LocalResponseNorm: size must be at least 1, got " + size);
		this.size = size;
		this.alpha = alpha;
		this.beta = beta;
		this.bias = bias;
	}

	public int size() { return size; }
	public double alpha() { return alpha; }
	public double beta() { return beta; }
	public double bias() { return bias; }

	@Override public String type() { return "LocalResponseNorm"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("size", size);
		o.addProperty("alpha", alpha);
		o.addProperty("beta", beta);
		o.addProperty("bias", bias);
		return o;
	}

	public static LocalResponseNorm fromConfig(JsonObject o) {
		return new LocalResponseNorm(o.get("size").getAsInt(), o.get("alpha").getAsDouble(), o.get("beta").getAsDouble(), o.get("bias").getAsDouble());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (in[0].length < 2) throw error("expects N×C[×…], got shape " + Arrays.toString(in[0]));
		return in[0].clone();
	}

	private int before() { return (size - 1) / 2; }
	private int after() { return size - 1 - before(); }

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = outputShape(inputs[0].shape());
		int n = s[0], c = s[1], inner = inputs[0].size() / Math.max(1, n * c);
		float[] x = inputs[0].data(), y = new float[x.length], sc = new float[x.length];
		double k = alpha / size;
		int lo = before(), hi = after();
		// one task per output plane, summing whole neighbouring planes (contiguous, rather than one pixel's channels
		// far apart); each sum still adds the channels in ascending order
		Loops.tasks(n * c, task -> {
			int plane0 = task / c * c, ch = task % c, at0 = task * inner;
			double[] sum = new double[inner];
			for (int j = Math.max(0, ch - lo); j <= Math.min(c - 1, ch + hi); j++)
				for (int p = 0, from = (plane0 + j) * inner; p < inner; p++) {
					double v = x[from + p];
					sum[p] += v * v;
				}
			for (int p = 0; p < inner; p++) {
				double sv = bias + k * sum[p];
				sc[at0 + p] = (float) sv;
				y[at0 + p] = (float) (x[at0 + p] * power(sv));
			}
		});
		if (phase.records()) {
			input = inputs[0];
			scale = new Tensor(sc, s);
		} else {
			input = null;
			scale = null;
		}
		return new Tensor(y, s);
	}

	/** sv^−β; the usual β = 3/4 with square roots, as Math.pow costs more than the rest of the layer. */
	private double power(double sv) {
		if (beta != 0.75) return Math.pow(sv, -beta);
		double r = Math.sqrt(sv);
		return 1 / (r * Math.sqrt(r));
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		if (dy.size() != input.size()) throw error("output gradient " + dy.shapeString() + " does not match input " + input.shapeString());
		int[] s = input.shape();
		int n = s[0], c = s[1], inner = input.size() / Math.max(1, n * c);
		float[] x = input.data(), sc = scale.data(), g = dy.data(), dx = new float[x.length];
		double k = 2 * alpha * beta / size;
		int lo = before(), hi = after();
		Loops.range(n * inner, (from, to) -> {
			double[] term = new double[c]; // g_c·x_c·s_c^(−β−1)
			for (int t = from; t < to; t++) {
				int base = (t / inner) * c * inner + t % inner;
				for (int ch = 0; ch < c; ch++) {
					int at = base + ch * inner;
					term[ch] = g[at] * (double) x[at] * Math.pow(sc[at], -beta - 1);
				}
				for (int i = 0; i < c; i++) {
					double cross = 0; // channels c whose window holds i: c − lo ≤ i ≤ c + hi
					for (int ch = Math.max(0, i - hi); ch <= Math.min(c - 1, i + lo); ch++) cross += term[ch];
					int at = base + i * inner;
					dx[at] = (float) (g[at] * Math.pow(sc[at], -beta) - k * x[at] * cross);
				}
			}
		});
		return new Tensor[] { new Tensor(dx, s) };
	}

	@Override
	public void clearCache() {
		input = null;
		scale = null;
	}
}
