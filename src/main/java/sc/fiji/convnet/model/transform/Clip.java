package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/** Limits values to [min, max]. */
public record Clip(double min, double max) implements Transformation {

	public static final String ID = "clip";

	public Clip {
		if (!(min <= max)) throw new IllegalArgumentException(ID + ": min " + min + " > max " + max);
	}

	@Override
	public String id() { return ID; }

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		return Transformation.pointwise(input, v -> Math.min(max, Math.max(min, v)));
	}
}
