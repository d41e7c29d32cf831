package sc.fiji.convnet.engine.loss;

import java.util.Arrays;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Softmax over the class axis followed by the cross-entropy with integer labels (Bishop eq. 5.80),
 * for classification (logits N×K or N×K×1×1) and per-pixel segmentation (logits N×K×H×W).
 * <p>
 * Targets hold class indices as floats, shaped N (or N×1) for classification and N×H×W or N×1×H×W
 * for segmentation. Labels outside [0, K) — by convention −1 — are ignored (unlabelled pixels).
 * With class weights w the loss is the weighted mean Σ w_{t_i}·(−ln p_{i,t_i}) / Σ w_{t_i} over the
 * labelled positions, as in PyTorch's CrossEntropyLoss; without weights every w is 1.
 * The log-sum-exp is computed in double precision with the maximum subtracted, so large logits are safe.
 */
public final class SoftmaxCrossEntropy implements Loss {

	private final float[] classWeights;
	private Tensor grad;

	public SoftmaxCrossEntropy() { this(null); }

	/** @param classWeights one weight per class, or null for equal weights */
	public SoftmaxCrossEntropy(float[] classWeights) {
		if (classWeights != null)
			for (float w : classWeights)
				if (!(w >= 0) || Float.isInfinite(w)) throw new IllegalArgumentException("SoftmaxCrossEntropy: class weights must be finite and ≥ 0: " + Arrays.toString(classWeights));
		this.classWeights = classWeights == null ? null : classWeights.clone();
	}

	@Override public String name() { return "SoftmaxCrossEntropy"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		int[] s = prediction.shape();
		if (s.length < 2) throw new IllegalArgumentException("SoftmaxCrossEntropy: logits must be N×K[×H×W], got " + prediction.shapeString());
		int n = s[0], k = s[1];
		int spatial = prediction.size() / Math.max(1, n * k);
		if (n * k * spatial != prediction.size() || target.size() != n * spatial)
			throw new IllegalArgumentException("SoftmaxCrossEntropy: target " + target.shapeString() + " does not match logits " + prediction.shapeString()
					+ " (expected " + n * spatial + " labels)");
		if (classWeights != null && classWeights.length != k)
			throw new IllegalArgumentException("SoftmaxCrossEntropy: " + classWeights.length + " class weights for " + k + " classes (logits " + prediction.shapeString() + ")");
		float[] x = prediction.data(), t = target.data();
		float[] g = new float[x.length];
		double loss = 0, weightSum = 0;
		double[] p = new double[k];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < spatial; j++) {
				float label = t[i * spatial + j];
				if (Float.isNaN(label)) throw new IllegalArgumentException("SoftmaxCrossEntropy: NaN label at sample " + i + ", position " + j);
				int c = (int) label;
				if (c < 0 || c >= k || c != label) continue; // unlabelled
				double w = classWeights == null ? 1 : classWeights[c];
				if (w == 0) continue;
				int base = i * k * spatial + j;
				double max = Double.NEGATIVE_INFINITY;
				for (int q = 0; q < k; q++) max = Math.max(max, x[base + q * spatial]);
				double sum = 0;
				for (int q = 0; q < k; q++) { p[q] = Math.exp(x[base + q * spatial] - max); sum += p[q]; }
				double logSum = Math.log(sum) + max;
				if (Double.isNaN(logSum)) throw new IllegalArgumentException("SoftmaxCrossEntropy: NaN logits at sample " + i + ", position " + j + " of " + prediction.shapeString());
				loss += w * (logSum - x[base + c * spatial]);
				weightSum += w;
				for (int q = 0; q < k; q++) g[base + q * spatial] = (float) (w * (p[q] / sum - (q == c ? 1 : 0)));
			}
		if (weightSum > 0) {
			float inv = (float) (1 / weightSum);
			for (int i = 0; i < g.length; i++) g[i] *= inv;
		}
		grad = new Tensor(g, s);
		return weightSum > 0 ? loss / weightSum : 0;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException("SoftmaxCrossEntropy: gradient() before forward()");
		return grad;
	}
}
