package sc.fiji.convnet.engine.layers;

import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
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

	public double eps() { return eps; }
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
		Tensor out = buffer(0, s);
		float[] y = out.data();
		float[] g = gamma.value().data(), b = beta.value().data(), rm = runningMean.value().data(), rv = runningVar.value().data();
		if (mean == null || mean.length != channels) { mean = new double[channels]; invStd = new double[channels]; }
		double[] means = mean, inv = invStd;
		boolean training = phase.training();
		// channels are independent: one task each, so the sums do not depend on the number of threads
		Loops.tasks(channels, c -> {
			double mu, var;
			if (training) {
				double sum = 0;
				for (int i = 0; i < n; i++) sum += sum(x, (i * channels + c) * plane, plane);
				mu = sum / count;
				double sq = 0;
				for (int i = 0; i < n; i++) sq += squaredDeviations(x, (i * channels + c) * plane, plane, (float) mu);
				var = sq / count;
				double unbiased = count > 1 ? sq / (count - 1) : var;
				rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mu);
				rv[c] = (float) ((1 - momentum) * rv[c] + momentum * unbiased);
			} else {
				mu = rm[c];
				var = rv[c];
			}
			inv[c] = 1 / Math.sqrt(var + eps);
			means[c] = mu;
			float m = (float) mu, scale = (float) (g[c] * inv[c]), shift = b[c];
			for (int i = 0; i < n; i++) {
				int off = (i * channels + c) * plane;
				for (int k = off; k < off + plane; k++) y[k] = (x[k] - m) * scale + shift;
			}
		});
		input = phase.records() ? inputs[0] : null;
		cachedTraining = training;
		return out;
	}

	/** Σ x[off..off+len) in double, with four partial sums so that the additions can overlap. */
	private static double sum(float[] x, int off, int len) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int k = off, end = off + len, end4 = off + (len & ~3);
		for (; k < end4; k += 4) { s0 += x[k]; s1 += x[k + 1]; s2 += x[k + 2]; s3 += x[k + 3]; }
		for (; k < end; k++) s0 += x[k];
		return (s0 + s1) + (s2 + s3);
	}

	/** Σ (x − m)² over x[off..off+len), in double. */
	private static double squaredDeviations(float[] x, int off, int len, float m) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int k = off, end = off + len, end4 = off + (len & ~3);
		for (; k < end4; k += 4) {
			double d0 = x[k] - m, d1 = x[k + 1] - m, d2 = x[k + 2] - m, d3 = x[k + 3] - m;
			s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
		}
		for (; k < end; k++) { double d = x[k] - m; s0 += d * d; }
		return (s0 + s1) + (s2 + s3);
	}

	/** Σ d·(x − m) over [off, off+len), in double. */
	private static double dot(float[] d, float[] x, int off, int len, float m) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int k = off, end = off + len, end4 = off + (len & ~3);
		for (; k < end4; k += 4) {
			s0 += d[k] * (double) (x[k] - m); s1 += d[k + 1] * (double) (x[k + 1] - m);
			s2 += d[k + 2] * (double) (x[k + 2] - m); s3 += d[k + 3] * (double) (x[k + 3] - m);
		}
		for (; k < end; k++) s0 += d[k] * (double) (x[k] - m);
		return (s0 + s1) + (s2 + s3);
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
		Tensor dxT = buffer(1, s);
		float[] dx = dxT.data();
		boolean training = cachedTraining;
		Loops.tasks(channels, c -> {
			float m = (float) mean[c];
			double sumD = 0, sumDXm = 0;
			for (int i = 0; i < n; i++) {
				int off = (i * channels + c) * plane;
				sumD += sum(d, off, plane);
				sumDXm += dot(d, x, off, plane, m);
			}
			double sumDX = sumDXm * invStd[c]; // Σ dy·x̂
			dg[c] += (float) sumDX;
			db[c] += (float) sumD;
			float scale = (float) (g[c] * invStd[c]);
			if (!training) {
				for (int i = 0; i < n; i++) {
					int off = (i * channels + c) * plane;
					for (int k = off; k < off + plane; k++) dx[k] = scale * d[k];
				}
				return;
			}
			// the batch statistics depend on x too: dx = γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂))
			float meanD = (float) (sumD / count), slope = (float) (invStd[c] * sumDX / count);
			for (int i = 0; i < n; i++) {
				int off = (i * channels + c) * plane;
				for (int k = off; k < off + plane; k++) dx[k] = scale * (d[k] - meanD - (x[k] - m) * slope);
			}
		});
		return new Tensor[] { dxT };
	}

	@Override public void clearCache() { input = null; }
}
