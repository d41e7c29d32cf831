package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Soft Dice loss for segmentation (Milletari et al. 2016) on logits N×K×H×W and integer labels
 * N×H×W (or N×1×H×W; −1 ignored): p = softmax over channels, and per class k
 * dice_k = (2·Σ p_k·t_k + ε)/(Σ p_k + Σ t_k + ε) with sums over the batch and pixels, t the one-hot
 * labels; L = 1 − mean_k dice_k. Insensitive to class imbalance; often added to cross-entropy.
 */
public final class SoftDice implements Loss {

	private final double eps;
	private Tensor grad;

	public SoftDice() { this(1.0); }

	public SoftDice(double smoothing) {
		if (!(smoothing >= 0)) throw new IllegalArgumentException("SoftDice: smoothing must be ≥ 0, got " + smoothing);
		this.eps = smoothing;
	}

	@Override public String name() { return "SoftDice"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		int[] s = prediction.shape();
		if (s.length < 2) throw new IllegalArgumentException(name() + ": logits must be N×K[×H×W], got " + prediction.shapeString());
		int n = s[0], k = s[1], spatial = prediction.size() / Math.max(1, n * k);
		if (target.size() != n * spatial)
			throw new IllegalArgumentException(name() + ": target " + target.shapeString() + " does not match logits " + prediction.shapeString());
		float[] x = prediction.data(), t = target.data();
		double[] p = new double[x.length];
		double[] inter = new double[k], sumP = new double[k], sumT = new double[k];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < spatial; j++) {
				int label = (int) t[i * spatial + j];
				if (label < 0 || label >= k) continue;
				int base = i * k * spatial + j;
				double max = Double.NEGATIVE_INFINITY, z = 0;
				for (int q = 0; q < k; q++) max = Math.max(max, x[base + q * spatial]);
				for (int q = 0; q < k; q++) z += p[base + q * spatial] = Math.exp(x[base + q * spatial] - max);
				for (int q = 0; q < k; q++) { p[base + q * spatial] /= z; sumP[q] += p[base + q * spatial]; }
				inter[label] += p[base + label * spatial];
				sumT[label] += 1;
			}
		double dice = 0;
		double[] den = new double[k];
		for (int q = 0; q < k; q++) {
			den[q] = sumP[q] + sumT[q] + eps;
			dice += den[q] > 0 ? (2 * inter[q] + eps) / den[q] : 1;
		}
		float[] g = new float[x.length];
		double[] dp = new double[k];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < spatial; j++) {
				int label = (int) t[i * spatial + j];
				if (label < 0 || label >= k) continue;
				int base = i * k * spatial + j;
				// ∂L/∂p_q = −(1/K)·(2·t_q·den_q − (2·I_q + ε))/den_q²
				double dot = 0;
				for (int q = 0; q < k; q++) {
					dp[q] = den[q] > 0 ? -((q == label ? 2 * den[q] : 0) - (2 * inter[q] + eps)) / (den[q] * den[q]) / k : 0;
					dot += dp[q] * p[base + q * spatial];
				}
				for (int q = 0; q < k; q++) g[base + q * spatial] = (float) (p[base + q * spatial] * (dp[q] - dot)); // through the softmax
			}
		grad = new Tensor(g, s);
		return 1 - dice / k;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
