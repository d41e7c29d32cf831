package sc.fiji.convnet.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

import sc.fiji.convnet.tensor.Tensor;

/**
 * A named tensor of a layer, with its gradient. Trainable parameters are updated by optimizers;
 * the others (batch-norm running statistics) are state that is saved but not trained.
 * <p>
 * The values are allocated on first use, so that a network can be built and its parameters counted
 * without the memory (VGG-16 has 138 million). The seed is fixed when the network is built, so
 * initialization does not depend on the order in which parameters are first touched.
 */
public final class Parameter {

	private final String name;
	private final int[] shape;
	private final boolean trainable;
	private Initializer initializer;
	private long seed;
	private Tensor value;
	private Tensor grad;

	public Parameter(String name, Initializer initializer, boolean trainable, int... shape) {
		this.name = name;
		this.shape = shape.clone();
		this.initializer = initializer;
		this.trainable = trainable;
		Tensor.sizeOf(shape); // rejects negative dimensions
	}

	public String name() { return name; }
	public int[] shape() { return shape.clone(); }
	public boolean trainable() { return trainable; }
	public long size() { return Tensor.sizeOf(shape); }
	public boolean allocated() { return value != null; }

	/** Sets the seed for the initial values; has no effect once the values exist. */
	public void seed(long seed) { this.seed = seed; }

	public void initializer(Initializer initializer) {
		this.initializer = initializer;
		if (value != null) initializer.fill(value.data(), new SplittableRandom(seed));
	}

	/** Allocates the values without initializing them (zeros), for loaders that overwrite them. */
	public Tensor allocateForLoading() {
		if (value == null) value = Tensor.zeros(shape);
		return value;
	}

	/** The values, allocated and initialized on first call. */
	public Tensor value() {
		if (value == null) {
			value = Tensor.zeros(shape);
			initializer.fill(value.data(), new SplittableRandom(seed));
		}
		return value;
	}

	/** The accumulated gradient ∂L/∂value, allocated (as zeros) on first call. */
	public Tensor grad() {
		if (grad == null) grad = Tensor.zeros(shape);
		return grad;
	}

	public void zeroGrad() {
		if (grad != null) Arrays.fill(grad.data(), 0f);
	}

	/** Replaces the values (from a file); the shape must match. */
	public void set(float[] values) {
		if (values.length != size())
			throw new IllegalArgumentException("Parameter " + name + ": " + values.length + " values for shape " + Arrays.toString(shape));
		if (value == null) value = Tensor.zeros(shape); // no need to draw initial values first
		System.arraycopy(values, 0, value.data(), 0, values.length);
	}

	@Override
	public String toString() { return "Parameter " + name + Arrays.toString(shape); }
}
