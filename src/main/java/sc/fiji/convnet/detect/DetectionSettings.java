package sc.fiji.convnet.detect;

import java.util.Arrays;

/**
 * How to detect: the scales to run at (1 = the model's own scale; several = Bishop 10.4.4), the views at each scale
 * (1: the image; 2: and its left–right mirror image; 4: and the top–bottom and both mirror images; the boxes of every
 * view are mirrored back and all go through one suppression), the score threshold and IoU threshold of non-max
 * suppression, and whether suppression ignores classes.
 */
public record DetectionSettings(double[] scales, int views, double scoreThreshold, double iouThreshold, boolean classAgnostic) {

	public DetectionSettings {
		if (scales == null || scales.length == 0) throw new IllegalArgumentException("DetectionSettings: no scales");
		if (views != 1 && views != 2 && views != 4) throw new IllegalArgumentException("DetectionSettings: views " + views + " is not 1, 2 or 4");
		for (double s : scales) if (!(s > 0)) throw new IllegalArgumentException("DetectionSettings: scale " + s + " is not positive in " + Arrays.toString(scales));
		if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) throw new IllegalArgumentException("DetectionSettings: score threshold " + scoreThreshold + " is outside [0, 1]");
		if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new IllegalArgumentException("DetectionSettings: IoU threshold " + iouThreshold + " is outside [0, 1]");
		scales = scales.clone();
	}

	/**
	 * The defaults of every front end (the request records read them from here), chosen on the BCCD val split with the
	 * shipped detector: five scales, two views, the passes' votes ({@link ScoreVoting}) and score 0.35 give mAP@0.5
	 * 0.904 (0.8905 at score 0.45 before the vote; 0.865 with three scales, one view, score 0.4); the counts' errors
	 * are in models/bccd-detector/evaluation.txt.
	 */
	public static final double DEFAULT_SCORE = 0.35, DEFAULT_IOU = 0.45;
	public static final String DEFAULT_SCALES = "0.7,0.85,1,1.2,1.4";
	public static final int DEFAULT_VIEWS = 2;

	public static DetectionSettings defaults() { return new DetectionSettings(parseScales(DEFAULT_SCALES), DEFAULT_VIEWS, DEFAULT_SCORE, DEFAULT_IOU, false); }

	/** Whether view {@code v} (0 … views − 1) is mirrored left–right. */
	public static boolean mirroredHorizontally(int v) { return (v & 1) != 0; }

	/** Whether view {@code v} is mirrored top–bottom. */
	public static boolean mirroredVertically(int v) { return (v & 2) != 0; }

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
