package sc.fiji.convnet.model.transform;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import sc.fiji.convnet.tensor.Tensor;

/**
 * One bioimage.io pre- or post-processing step. It returns a new tensor and leaves its input untouched.
 * {@code axes} names the tensor's axes in order (0.5 ids: batch, channel, y, x ...), so that options such as
 * "statistics over x and y" find their dimensions. Serializable, so that a fitted pre-processing can travel to Spark's executors.
 */
public interface Transformation extends java.io.Serializable {

	/** The bioimage.io id, e.g. {@code zero_mean_unit_variance}. */
	String id();

	Tensor apply(Tensor input, List<String> axes);

	/** A new tensor of {@code f} applied to every value (computed in double). */
	static Tensor pointwise(Tensor input, DoubleUnaryOperator f) {
		float[] x = input.data();
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) y[i] = (float) f.applyAsDouble(x[i]);
		return new Tensor(y, input.shape());
	}
}
