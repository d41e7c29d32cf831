package sc.fiji.convnet.engine.optim;

import java.util.List;

import sc.fiji.convnet.engine.Parameter;

/**
 * Stochastic gradient descent with momentum and L2 weight decay (Bishop §7.2–7.3), PyTorch's form:
 * g ← ∇ + λθ; v ← μv + g; θ ← θ − η·v (Nesterov: θ ← θ − η·(g + μv)).
 */
public final class Sgd extends Optimizer {

	private final double momentum, weightDecay;
	private final boolean nesterov;
	private final float[][] velocity;

	public Sgd(List<Parameter> parameters, double learningRate) { this(parameters, learningRate, 0, 0, false); }

	public Sgd(List<Parameter> parameters, double learningRate, double momentum, double weightDecay, boolean nesterov) {
		super(parameters, learningRate);
		if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("Sgd: momentum must be in [0, 1), got " + momentum);
		if (weightDecay < 0) throw new IllegalArgumentException("Sgd: weight decay must be ≥ 0, got " + weightDecay);
		this.momentum = momentum; this.weightDecay = weightDecay; this.nesterov = nesterov;
		this.velocity = new float[this.parameters.size()][];
	}

	@Override
	public void step() {
		for (int i = 0; i < parameters.size(); i++) {
			Parameter p = parameters.get(i);
			float[] w = p.value().data(), g = p.grad().data();
			if (momentum > 0 && velocity[i] == null) velocity[i] = new float[w.length];
			float[] v = velocity[i];
			for (int j = 0; j < w.length; j++) {
				double d = g[j] + weightDecay * w[j];
				if (v != null) {
					v[j] = (float) (momentum * v[j] + d);
					d = nesterov ? d + momentum * v[j] : v[j];
				}
				w[j] -= (float) (learningRate * d);
			}
		}
	}
}
