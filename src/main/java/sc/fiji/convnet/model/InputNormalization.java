package sc.fiji.convnet.model;

import java.util.List;
import java.util.function.UnaryOperator;

import sc.fiji.convnet.tensor.Tensor;

/**
 * How an image's values enter a network, decided in this one place: a model that describes its input (a bioimage.io
 * description, or the {@value ModelFiles#COMPANION} beside a bare file) gets the description's preprocessing, and the
 * normalisation chosen in a dialog or on the command line is not used; only a bare network takes the chosen one.
 */
public final class InputNormalization {

	public static final String NONE = "none", UNIT = "0-1", ZSCORE = "zero mean, unit variance", DIVIDE_255 = "value/255";
	/** Every name {@link #chosen} knows. */
	public static final List<String> NAMES = List.of(NONE, UNIT, ZSCORE, DIVIDE_255);

	private InputNormalization() {}

	/** The model's preprocessing when it describes its input; else the {@code chosen} normalisation (checked either way). */
	public static UnaryOperator<Tensor> of(ModelFiles model, String chosen) {
		UnaryOperator<Tensor> fallback = chosen(chosen);
		TensorDescription input = model.describedInput();
		return input != null ? input::preprocess : fallback;
	}

	/** Whether the model's description decides, so that a chosen normalisation is left unused. */
	public static boolean fromModel(ModelFiles model) { return model.describedInput() != null; }

	/**
	 * A normalisation by name over the whole tensor, changing the given tensor: {@value #NONE} (or null), {@value #UNIT}
	 * (min–max), {@value #ZSCORE}, or {@value #DIVIDE_255}.
	 */
	public static UnaryOperator<Tensor> chosen(String how) {
		if (how != null && !NAMES.contains(how))
			throw new IllegalArgumentException("normalization '" + how + "' is not one of " + String.join(", ", NAMES));
		return t -> {
			normalize(t.data(), how);
			return t;
		};
	}

	private static void normalize(float[] v, String how) {
		if (how == null || NONE.equals(how)) return;
		if (DIVIDE_255.equals(how)) {
			for (int i = 0; i < v.length; i++) v[i] /= 255f;
			return;
		}
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0, sq = 0;
		for (float x : v) { min = Math.min(min, x); max = Math.max(max, x); sum += x; sq += (double) x * x; }
		if (UNIT.equals(how)) {
			double range = max > min ? max - min : 1;
			for (int i = 0; i < v.length; i++) v[i] = (float) ((v[i] - min) / range);
		} else {
			double mean = sum / v.length, sd = Math.sqrt(Math.max(0, sq / v.length - mean * mean));
			if (sd == 0) sd = 1;
			for (int i = 0; i < v.length; i++) v[i] = (float) ((v[i] - mean) / sd);
		}
	}
}
