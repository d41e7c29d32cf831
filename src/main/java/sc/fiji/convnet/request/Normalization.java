package sc.fiji.convnet.request;

import java.util.List;

/** How pixel values enter a classifier: the one list of names every front end offers. */
public final class Normalization {

	public static final String NONE = "none", UNIT = "0-1", ZSCORE = "zero mean, unit variance", DIVIDE_255 = "value/255";

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
		return Option.choice("normalization", "Normalization", defaultValue, choices).help("how pixel values enter the network");
	}
}
