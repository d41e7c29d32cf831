package sc.fiji.convnet.engine.optim;

import java.util.List;

import sc.fiji.convnet.engine.Parameter;

/** Updates trainable parameters from their accumulated gradients. */
public abstract class Optimizer {

	protected final List<Parameter> parameters;
	protected double learningRate;

	protected Optimizer(List<Parameter> parameters, double learningRate) {
		if (!(learningRate > 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be > 0, got " + learningRate);
		this.parameters = parameters.stream().filter(Parameter::trainable).toList();
		this.learningRate = learningRate;
	}

	/** One update of every parameter from its gradient. */
	public abstract void step();

	public void zeroGrad() {
		for (Parameter p : parameters) p.zeroGrad();
	}

	public double learningRate() { return learningRate; }

	/** For schedules (step decay, cosine, warm-up). */
	public void learningRate(double lr) {
		if (!(lr > 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be > 0, got " + lr);
		learningRate = lr;
	}
}
