package sc.fiji.convnet.request;

import java.util.List;

import sc.fiji.convnet.model.InputNormalization;

/**
 * How pixel values enter a bare network: the one list of names every front end offers. A model that describes its
 * input uses its own preprocessing instead ({@link InputNormalization} decides).
 */
public final class Normalization {

	public static final String NONE = InputNormalization.NONE, UNIT = InputNormalization.UNIT, ZSCORE = InputNormalization.ZSCORE,
			DIVIDE_255 = InputNormalization.DIVIDE_255;

	/** For Grad-CAM and the other explanation commands. */
	public static final List<String> SALIENCY = List.of(NONE, UNIT, ZSCORE);

	/** For Classify: value/255 (the shipped classifier's input) first. */
	public static final List<String> CLASSIFY = List.of(DIVIDE_255, NONE, UNIT, ZSCORE);

	private Normalization() {}

	/** Accepts {@code zscore} for the z-score on the command line. */
	public static String parse(String text) {
		String t = text == null ? "" : text.trim();
		return t.equalsIgnoreCase("zscore") ? ZSCORE : t;
	}

	public static Option option(String defaultValue, List<String> choices) {
		return Option.choice("normalization", "Normalization", defaultValue, choices).help("how pixel values enter a bare network; a model with a description uses its own preprocessing");
	}
}
