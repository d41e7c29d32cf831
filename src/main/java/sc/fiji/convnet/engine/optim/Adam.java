package sc.fiji.convnet.engine.optim;

import java.util.List;

import sc.fiji.convnet.engine.Parameter;

/**
 * Adam (Bishop §7.3.3): bias-corrected running means of the gradient and its square,
 * θ ← θ − η·m̂/(√v̂ + ε). Weight decay is either added to the gradient (L2, as PyTorch's Adam) or,
 * with {@code decoupled}, subtracted from the weights directly (AdamW).
 */
public final class Adam extends Optimizer {

	private final double beta1, beta2, eps, weightDecay;
	private final boolean decoupled;
	private final float[][] m, v;
	private int t;

	public Adam(List<Parameter> parameters, double learningRate) { this(parameters, learningRate, 0.9, 0.999, 1e-8, 0, false); }

	public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
		super(parameters, learningRate);
		if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) throw new IllegalArgumentException("Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
		if (!(eps > 0) || weightDecay < 0) throw new IllegalArgumentException("Adam: eps must be > 0 and weight decay ≥ 0, got " + eps + ", " + weightDecay);
		this.beta1 = beta1; this.beta2 = beta2; this.eps = eps; this.weightDecay = weightDecay; this.decoupled = decoupled;
		this.m = new float[this.parameters.size()][];
		this.v = new float[this.parameters.size()][];
	}

	@Override
	public void step() {
		t++;
		double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
		for (int i = 0; i < parameters.size(); i++) {
			Parameter p = parameters.get(i);
			float[] w = p.value().data(), g = p.grad().data();
			if (m[i] == null) { m[i] = new float[w.length]; v[i] = new float[w.length]; }
			float[] mi = m[i], vi = v[i];
			for (int j = 0; j < w.length; j++) {
				double d = g[j];
				if (!decoupled) d += weightDecay * w[j];
				mi[j] = (float) (beta1 * mi[j] + (1 - beta1) * d);
				vi[j] = (float) (beta2 * vi[j] + (1 - beta2) * d * d);
				double update = learningRate * (mi[j] / c1) / (Math.sqrt(vi[j] / c2) + eps);
				if (decoupled) update += learningRate * weightDecay * w[j];
				w[j] -= (float) update;
			}
		}
	}

	public int steps() { return t; }

	/** The running moments (first, then second, one array per trainable parameter; null before the first step) for a checkpoint. */
	public float[][][] moments() { return new float[][][] { m, v }; }

	/** Continues from a checkpoint: the step count and moments that {@link #steps()} and {@link #moments()} gave. */
	public void restore(int steps, float[][] first, float[][] second) {
		if (first.length != m.length || second.length != v.length)
			throw new IllegalArgumentException("Adam: the checkpoint holds moments of " + first.length + " parameters, this network has " + m.length);
		for (int i = 0; i < m.length; i++) {
			int n = parameters.get(i).value().data().length;
			if ((first[i] != null && first[i].length != n) || (second[i] != null && second[i].length != n))
				throw new IllegalArgumentException("Adam: moment " + i + " of the checkpoint does not fit parameter " + parameters.get(i).name());
			m[i] = first[i] == null ? null : first[i].clone();
			v[i] = second[i] == null ? null : second[i].clone();
		}
		this.t = steps;
	}
}
