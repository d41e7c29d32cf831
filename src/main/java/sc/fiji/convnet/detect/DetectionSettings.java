package sc.fiji.convnet.detect;

import java.util.Arrays;

/**
 * How to detect: the scales to run at (1 = the model's own scale; several = Bishop 10.4.4), the score
 * threshold and IoU threshold of non-max suppression, and whether suppression ignores classes.
 */
public record DetectionSettings(double[] scales, double scoreThreshold, double iouThreshold, boolean classAgnostic) {

	public DetectionSettings {
		if (scales == null || scales.length == 0) throw new IllegalArgumentException("DetectionSettings: no scales");
		for (double s : scales) if (!(s > 0)) throw new IllegalArgumentException("DetectionSettings: scale " + s + " is not positive in " + Arrays.toString(scales));
		if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) throw new IllegalArgumentException("DetectionSettings: score threshold " + scoreThreshold + " is outside [0, 1]");
		if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new IllegalArgumentException("DetectionSettings: IoU threshold " + iouThreshold + " is outside [0, 1]");
		scales = scales.clone();
	}

	/**
	 * The defaults of every front end (the request records read them from here), chosen on the BCCD val split with the
	 * shipped detector: three scales and score 0.4 gave mAP@0.5 0.865 and smaller blood-count errors than one scale
	 * at 0.3 (0.856); see models/bccd-detector/evaluation.txt.
	 */
	public static final double DEFAULT_SCORE = 0.4, DEFAULT_IOU = 0.45;
	public static final String DEFAULT_SCALES = "0.8,1,1.25";

	public static DetectionSettings defaults() { return new DetectionSettings(parseScales(DEFAULT_SCALES), DEFAULT_SCORE, DEFAULT_IOU, false); }

	public NonMaxSuppression nms() { return new NonMaxSuppression(scoreThreshold, iouThreshold, classAgnostic); }

	/** Parses "1" or "0.75, 1, 1.25". */
	public static double[] parseScales(String text) {
		String[] parts = text.trim().split("[,;\\s]+");
		double[] s = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				s[i] = Double.parseDouble(parts[i]);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("scales: '" + parts[i] + "' in '" + text + "' is not a number");
			}
		}
		return s;
	}
}
