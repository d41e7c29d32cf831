package sc.fiji.convnet.engine.optim;

import java.util.List;
import java.util.function.Supplier;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;

/**
 * An exponential moving average of a network's weights (Polyak averaging), taken after every step:
 * ā ← d·ā + (1 − d)·θ. The averaged network is scored and kept instead of the last step's, which
 * smooths the step-to-step noise of the validation score. The decay ramps up as (1 + n)/(10 + n)
 * towards {@code decay}, so the first steps (and a fine-tuned start) are not frozen in. Batch-norm
 * running statistics are averaged like the weights.
 */
public final class WeightAverage {

	private final List<Parameter> parameters;
	private final double decay;
	private final float[][] average;
	private int updates;

	public WeightAverage(Network net, double decay) {
		if (!(decay > 0 && decay < 1)) throw new IllegalArgumentException("weight average: decay " + decay + " must be in (0, 1)");
		this.parameters = net.allParameters();
		this.decay = decay;
		this.average = new float[parameters.size()][];
		for (int i = 0; i < average.length; i++) average[i] = parameters.get(i).value().data().clone();
	}

	public double decay() { return decay; }

	public int updates() { return updates; }

	/** Folds the network's current weights into the average. */
	public void update() {
		double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
		updates++;
		float keep = (float) d, take = (float) (1 - d);
		for (int i = 0; i < average.length; i++) {
			float[] a = average[i], w = parameters.get(i).value().data();
			for (int j = 0; j < a.length; j++) a[j] = keep * a[j] + take * w[j];
		}
	}

	/** Runs {@code action} with the averaged weights in the network, then puts the trained ones back. */
	public <T> T with(Supplier<T> action) {
		float[][] own = new float[average.length][];
		for (int i = 0; i < average.length; i++) {
			float[] w = parameters.get(i).value().data();
			own[i] = w.clone();
			System.arraycopy(average[i], 0, w, 0, w.length);
		}
		try {
			return action.get();
		} finally {
			for (int i = 0; i < own.length; i++) System.arraycopy(own[i], 0, parameters.get(i).value().data(), 0, own[i].length);
		}
	}

	/** The averaged values, one array per parameter of {@link Network#allParameters()}, for a checkpoint. */
	public float[][] values() { return average; }

	/** Continues from a checkpoint's average. */
	public void restore(int updates, float[][] values) {
		if (values.length != average.length)
			throw new IllegalArgumentException("weight average: the checkpoint averages " + values.length + " parameters, this network has " + average.length);
		for (int i = 0; i < values.length; i++) {
			if (values[i].length != average[i].length)
				throw new IllegalArgumentException("weight average: parameter " + parameters.get(i).name() + " of the checkpoint has " + values[i].length
						+ " values, the network " + average[i].length);
			System.arraycopy(values[i], 0, average[i], 0, values[i].length);
		}
		this.updates = updates;
	}
}
