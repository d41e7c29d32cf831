package sc.fiji.convnet.model;

import java.util.Locale;

/** What a model is for, as its description says ({@code config: convnet: task:}, else its tags), with the shipped default. */
public enum ModelTask {

	SEGMENTATION("nuclei"), DETECTION("bccd-detector"), CLASSIFICATION("bccd-classifier");

	private final String defaultModel;

	ModelTask(String defaultModel) { this.defaultModel = defaultModel; }

	/** The shipped model a task uses when none is named. */
	public String defaultModel() { return defaultModel; }

	/** The task a description's word names ({@code nuclei}, {@code segmentation}, {@code detection}, {@code classification}, …), or null. */
	static ModelTask of(String word) {
		if (word == null) return null;
		String w = word.toLowerCase(Locale.ROOT);
		if (w.equals("nuclei") || w.startsWith("segment") || w.contains("instance-segmentation")) return SEGMENTATION;
		if (w.startsWith("detect") || w.equals("object-detection")) return DETECTION;
		if (w.startsWith("classif")) return CLASSIFICATION;
		return null;
	}
}
