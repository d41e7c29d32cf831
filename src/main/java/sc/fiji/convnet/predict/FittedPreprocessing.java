package sc.fiji.convnet.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.model.transform.StatisticsScaling;
import sc.fiji.convnet.model.transform.Transformation;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A model's pre-processing steps for an image too large to hold, one tile at a time: the steps that need statistics
 * of the image ({@code scale_range}, {@code zero_mean_unit_variance}) take them from the whole-image sample of
 * {@link SampledPercentiles} (every pixel of an image up to 2^22 pixels, so exactly what the whole-image
 * pre-processing computes) and become fixed per-value functions; the other steps work per value anyway and run on
 * each tile as they are. So block-wise and whole-image segmentation see the same input, whatever the model's
 * description asks for. One channel (segmentation models read one).
 */
public final class FittedPreprocessing implements TileNormalizer, java.io.Serializable {

	private static final long serialVersionUID = 1L;

	/** One step: {offset, scale} fitted to the image, or a statistics-free step run as the model describes it. */
	private record Step(double[] fitted, Transformation asDescribed) implements java.io.Serializable {}

	private final List<Step> steps;
	private final List<String> axes;

	private FittedPreprocessing(List<Step> steps, List<String> axes) {
		this.steps = steps;
		this.axes = axes;
	}

	/** The steps fitted to the sample's channel 0; {@code axes} are the model input's axis ids (e.g. b, c, y, x). */
	public static FittedPreprocessing of(List<Transformation> described, List<String> axes, SampledPercentiles stats) {
		if (stats.channels() != 1)
			throw new IllegalArgumentException("pre-processing fitted to a whole image: one channel only, but the image has " + stats.channels());
		FittedPreprocessing fitted = new FittedPreprocessing(new ArrayList<>(), List.copyOf(axes));
		float[] sample = stats.sortedSample(0);
		for (Transformation t : described) {
			Step step = t instanceof StatisticsScaling scaling ? new Step(scaling.offsetAndScale(finite(sample)), null) : new Step(null, t);
			fitted.steps.add(step);
			sample = fitted.apply(step, sample); // later steps see what the earlier ones made of the image
		}
		return fitted;
	}

	@Override
	public void normalize(float[] values, int offset, int length, int channel) {
		if (channel != 0) throw new IllegalArgumentException("pre-processing fitted to a whole image: one channel only, asked for channel " + channel);
		float[] v = Arrays.copyOfRange(values, offset, offset + length);
		for (Step s : steps) v = apply(s, v);
		System.arraycopy(v, 0, values, offset, length);
	}

	private float[] apply(Step s, float[] v) {
		if (s.fitted() != null) {
			double offset = s.fitted()[0], scale = s.fitted()[1];
			float[] out = new float[v.length];
			for (int i = 0; i < v.length; i++) out[i] = Float.isFinite(v[i]) ? (float) ((v[i] - offset) * scale) : 0f;
			return out;
		}
		return s.asDescribed().apply(new Tensor(v, shape(v.length)), axes).data();
	}

	/** All axes 1 except x, which holds the values. */
	private int[] shape(int length) {
		int[] shape = new int[axes.size()];
		Arrays.fill(shape, 1);
		int x = axes.indexOf("x");
		shape[x >= 0 ? x : shape.length - 1] = length;
		return shape;
	}

	private static float[] finite(float[] v) {
		int n = 0;
		float[] out = new float[v.length];
		for (float x : v) if (Float.isFinite(x)) out[n++] = x;
		return Arrays.copyOf(out, n);
	}
}
