package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Per-pixel classes and one regression channel in [0, 1] from one network: logits N×(K+1)×H×W, the first K
 * channels scored by {@link SoftmaxCrossEntropy} against class indices, the last by
 * {@link BinaryCrossEntropyWithLogits} (sigmoid, soft targets) against a value per pixel, weighted by
 * {@code regressionWeight} and added. Targets are N×2×H×W: plane 0 the class index, plane 1 the value.
 */
public final class ClassesAndDistance implements Loss {

	private final SoftmaxCrossEntropy classes;
	private final BinaryCrossEntropyWithLogits regression = new BinaryCrossEntropyWithLogits();
	private final double regressionWeight;
	private Tensor grad;

	public ClassesAndDistance(float[] classWeights, double regressionWeight) {
		if (!(regressionWeight >= 0) || Double.isInfinite(regressionWeight))
			throw new IllegalArgumentException(name() + ": regression weight must be finite and ≥ 0, got " + regressionWeight);
		this.classes = new SoftmaxCrossEntropy(classWeights);
		this.regressionWeight = regressionWeight;
	}

	@Override public String name() { return "ClassesAndDistance"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		int[] s = prediction.shape();
		if (s.length != 4 || s[1] < 2) throw new IllegalArgumentException(name() + ": logits must be N×(K+1)×H×W, got " + prediction.shapeString());
		int n = s[0], k = s[1] - 1, plane = s[2] * s[3];
		if (target.size() != 2 * n * plane)
			throw new IllegalArgumentException(name() + ": target " + target.shapeString() + " does not match logits " + prediction.shapeString()
					+ " (expected " + n + "×2×" + s[2] + "×" + s[3] + ")");
		float[] x = prediction.data(), t = target.data();
		float[] logits = new float[n * k * plane], labels = new float[n * plane], value = new float[n * plane], wanted = new float[n * plane];
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, i * (k + 1) * plane, logits, i * k * plane, k * plane);
			System.arraycopy(x, (i * (k + 1) + k) * plane, value, i * plane, plane);
			System.arraycopy(t, 2 * i * plane, labels, i * plane, plane);
			System.arraycopy(t, (2 * i + 1) * plane, wanted, i * plane, plane);
		}
		double loss = classes.forward(new Tensor(logits, n, k, s[2], s[3]), new Tensor(labels, n, s[2], s[3]));
		loss += regressionWeight * regression.forward(new Tensor(value, n, 1, s[2], s[3]), new Tensor(wanted, n, 1, s[2], s[3]));
		float[] gc = classes.gradient().data(), gr = regression.gradient().data(), g = new float[x.length];
		float w = (float) regressionWeight;
		for (int i = 0; i < n; i++) {
			System.arraycopy(gc, i * k * plane, g, i * (k + 1) * plane, k * plane);
			for (int j = 0; j < plane; j++) g[(i * (k + 1) + k) * plane + j] = w * gr[i * plane + j];
		}
		grad = new Tensor(g, s);
		return loss;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
