package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/** {@code 1 / (1 + e^-x)}. */
public record Sigmoid() implements Transformation {

	public static final String ID = "sigmoid";

	@Override
	public String id() { return ID; }

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		return Transformation.pointwise(input, v -> 1 / (1 + Math.exp(-v)));
	}
}
