package sc.fiji.convnet.engine.layers;

import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Batch normalization per channel over N, H and W (Bishop §7.4.2): y = γ·(x − μ)/√(σ² + ε) + β.
 * Training uses the batch's mean and biased variance and updates the running statistics with
 * {@code momentum} (the running variance takes the unbiased estimate, as PyTorch does); evaluation
 * uses the running statistics.
 */
public final class BatchNorm2d extends Layer {

	private final int channels;
	private final double eps, momentum;
	private final Parameter gamma, beta, runningMean, runningVar;

	// cache for backward: the input (already alive as the previous layer's output) and the statistics,
	// so that no normalized copy is allocated
	private Tensor input;
	private double[] mean, invStd;
	private boolean cachedTraining;

	public BatchNorm2d(int channels) { this(channels, 1e-5, 0.1); }

	public BatchNorm2d(int channels, double eps, double momentum) {
		if (channels <= 0) throw new IllegalArgumentException("BatchNorm2d: channels must be positive, got " + channels);
		this.channels = channels; this.eps = eps; this.momentum = momentum;
		gamma = new Parameter("gamma", Initializer.constant(1), true, channels);
		beta = new Parameter("beta", Initializer.constant(0), true, channels);
		runningMean = new Parameter("runningMean", Initializer.constant(0), false, channels);
		runningVar = new Parameter("runningVar", Initializer.constant(1), false, channels);
	}

	public Parameter gamma() { return gamma; }
	public Parameter beta() { return beta; }
	public Parameter runningMean() { return runningMean; }
	public Parameter runningVar() { return runningVar; }

	@Override public String type() { return "BatchNorm2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("channels", channels); o.addProperty("eps", eps); o.addProperty("momentum", momentum);
		return o;
	}

	public static BatchNorm2d fromConfig(JsonObject o) {
		return new BatchNorm2d(o.get("channels").getAsInt(), o.get("eps").getAsDouble(), o.get("momentum").getAsDouble());
	}

	@Override public List<Parameter> parameters() { return List.of(gamma, beta, runningMean, runningVar); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireChannels(in[0], channels);
		return in[0].clone();
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = outputShape(inputs[0].shape());
		int n = s[0], plane = s[2] * s[3];
		long count = (long) n * plane;
		float[] x = inputs[0].data();
		Tensor out = Tensor.zeros(s);
		float[] y = out.data();
		float[] g = gamma.value().data(), b = beta.value().data(), rm = runningMean.value().data(), rv = runningVar.value().data();
		double[] inv = new double[channels], means = new double[channels];
		for (int c = 0; c < channels; c++) {
			double mean, var;
			if (phase.training()) {
				double sum = 0;
				for (int i = 0; i < n; i++) {
					int off = (i * channels + c) * plane;
					for (int k = 0; k < plane; k++) sum += x[off + k];
				}
				mean = sum / count;
				double sq = 0;
				for (int i = 0; i < n; i++) {
					int off = (i * channels + c) * plane;
					for (int k = 0; k < plane; k++) { double d = x[off + k] - mean; sq += d * d; }
				}
				var = sq / count;
				double unbiased = count > 1 ? sq / (count - 1) : var;
				rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean);
				rv[c] = (float) ((1 - momentum) * rv[c] + momentum * unbiased);
			} else {
				mean = rm[c];
				var = rv[c];
			}
			inv[c] = 1 / Math.sqrt(var + eps);
			means[c] = mean;
			for (int i = 0; i < n; i++) {
				int off = (i * channels + c) * plane;
				for (int k = 0; k < plane; k++) {
					double h = (x[off + k] - mean) * inv[c];
					y[off + k] = (float) (g[c] * h + b[c]);
				}
			}
		}
		input = phase.records() ? inputs[0] : null;
		mean = means;
		invStd = inv;
		cachedTraining = phase.training();
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		int[] s = input.shape();
		if (dy.size() != input.size()) throw error("output gradient " + dy.shapeString() + " does not match output " + input.shapeString());
		int n = s[0], plane = s[2] * s[3];
		long count = (long) n * plane;
		float[] d = dy.data(), x = input.data(), g = gamma.value().data();
		float[] dg = gamma.grad().data(), db = beta.grad().data();
		Tensor dxT = Tensor.zeros(s);
		float[] dx = dxT.data();
		for (int c = 0; c < channels; c++) {
			double sumD = 0, sumDX = 0;
			for (int i = 0; i < n; i++) {
				int off = (i * channels + c) * plane;
				for (int k = 0; k < plane; k++) { sumD += d[off + k]; sumDX += d[off + k] * ((x[off + k] - mean[c]) * invStd[c]); }
			}
			dg[c] += (float) sumDX;
			db[c] += (float) sumD;
			double scale = g[c] * invStd[c];
			double meanD = sumD / count, meanDX = sumDX / count;
			for (int i = 0; i < n; i++) {
				int off = (i * channels + c) * plane;
				for (int k = 0; k < plane; k++)
					dx[off + k] = (float) (cachedTraining
							? scale * (d[off + k] - meanD - (x[off + k] - mean[c]) * invStd[c] * meanDX) // the batch statistics depend on x too
							: scale * d[off + k]);
			}
		}
		return new Tensor[] { dxT };
	}

	@Override public void clearCache() { input = null; }
}
