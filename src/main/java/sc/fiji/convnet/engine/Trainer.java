package sc.fiji.convnet.engine;

import sc.fiji.convnet.engine.loss.Loss;
import sc.fiji.convnet.engine.optim.Optimizer;
import sc.fiji.convnet.tensor.Tensor;

/** One mini-batch step: zero gradients, forward in training mode, loss, backward, update. */
public final class Trainer {

	private final Network network;
	private final Loss loss;
	private final Optimizer optimizer;

	public Trainer(Network network, Loss loss, Optimizer optimizer) {
		this.network = network; this.loss = loss; this.optimizer = optimizer;
	}

	/** Trains on one batch and returns its loss (before the update). */
	public double step(Tensor input, Tensor target) {
		network.zeroGrad();
		Tensor out = network.forward(input, Phase.TRAINING);
		double l = loss.forward(out, target);
		if (!Double.isFinite(l))
			throw new IllegalStateException("Trainer: loss became " + l + "; lower the learning rate or check the data");
		network.backward(loss.gradient());
		network.clearCaches();
		optimizer.step();
		return l;
	}

	/** The loss on a batch in evaluation mode, without touching gradients. */
	public double evaluate(Tensor input, Tensor target) {
		return loss.forward(network.forward(input, Phase.INFERENCE), target);
	}

	public Network network() { return network; }
	public Optimizer optimizer() { return optimizer; }
	public Loss loss() { return loss; }
}
