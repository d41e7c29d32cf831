package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * The penalty-reduced focal loss of centre heat maps (CenterNet, Zhou et al. 2019, after Lin et al.'s focal
 * loss), on logits x with p = σ(x) and target heat y in [0, 1] (1 exactly at object centres, a Gaussian
 * bump around them, 0 elsewhere):
 * <pre>
 *   L = −(1/P) Σ { (1 − p)^α ln p                 where y = 1 (P such cells, at least 1)
 *                { (1 − y)^β p^α ln(1 − p)        elsewhere
 * </pre>
 * Easy cells (p near the target) contribute little (the (1 − p)^α and p^α factors), and cells next to a
 * centre, whose target is nearly 1, are hardly punished for a high score (the (1 − y)^β factor). Same
 * number of values in logits and targets; α = 2, β = 4 by default.
 */
public final class CentreFocalLoss implements Loss {

	private final double alpha, beta;
	private Tensor grad;

	public CentreFocalLoss() { this(2, 4); }

	public CentreFocalLoss(double alpha, double beta) {
		if (!(alpha >= 0 && beta >= 0)) throw new IllegalArgumentException("CentreFocalLoss: α " + alpha + " and β " + beta + " must be ≥ 0");
		this.alpha = alpha;
		this.beta = beta;
	}

	@Override public String name() { return "CentreFocalLoss"; }

	/** Whether a target value marks an object centre. */
	public static boolean isCentre(float y) { return y >= 1f; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		if (prediction.size() != target.size() || prediction.size() == 0)
			throw new IllegalArgumentException(name() + ": target " + target.shapeString() + " does not match logits " + prediction.shapeString());
		float[] x = prediction.data(), t = target.data(), g = new float[x.length];
		int centres = 0;
		for (float v : t) if (isCentre(v)) centres++;
		double norm = Math.max(1, centres), sum = 0;
		for (int i = 0; i < x.length; i++) {
			double xi = x[i], y = t[i];
			if (!(y >= 0 && y <= 1)) throw new IllegalArgumentException(name() + ": target value " + y + " at " + i + " is outside [0, 1]");
			double p = Logistic.sigmoid(xi), logP = -Logistic.softplus(-xi), log1mP = -Logistic.softplus(xi);
			if (isCentre(t[i])) {
				double q = Math.pow(1 - p, alpha);
				sum -= q * logP;
				// d/dx[−(1−p)^α ln p] = α(1−p)^α p ln p − (1−p)^{α+1}
				g[i] = (float) ((alpha * q * p * logP - q * (1 - p)) / norm);
			} else {
				double w = Math.pow(1 - y, beta), q = Math.pow(p, alpha);
				sum -= w * q * log1mP;
				// d/dx[−w p^α ln(1−p)] = w(−α p^α (1−p) ln(1−p) + p^{α+1})
				g[i] = (float) (w * (-alpha * q * (1 - p) * log1mP + q * p) / norm);
			}
		}
		if (Double.isNaN(sum)) throw new IllegalArgumentException(name() + ": NaN in logits " + prediction.shapeString());
		grad = new Tensor(g, prediction.shape());
		return sum / norm;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
