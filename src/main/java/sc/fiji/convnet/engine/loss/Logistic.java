package sc.fiji.convnet.engine.loss;

/** The logistic sigmoid and its companions, computed without overflow for any logit. */
public final class Logistic {

	private Logistic() {}

	/** σ(x) = 1/(1 + e^{−x}). */
	public static double sigmoid(double x) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); }

	/** ln(1 + e^x); ln σ(x) = −softplus(−x) and ln(1 − σ(x)) = −softplus(x). */
	public static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
}
