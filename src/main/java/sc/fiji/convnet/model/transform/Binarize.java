package sc.fiji.convnet.model.transform;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/** 1 where {@code x > threshold}, else 0; one threshold, or one per index along {@code axis}. */
public record Binarize(double[] threshold, String axis) implements Transformation {

	public static final String ID = "binarize";

	@Override
	public String id() { return ID; }

	@Override
	public Tensor apply(Tensor input, List<String> axes) {
		int[] idx = AxisGroups.indexAlong(input, axes, axis, threshold.length, ID);
		float[] x = input.data();
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) y[i] = x[i] > threshold[idx == null ? 0 : idx[i]] ? 1f : 0f;
		return new Tensor(y, input.shape());
	}
}
