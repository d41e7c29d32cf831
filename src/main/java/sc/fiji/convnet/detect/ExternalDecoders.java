package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Decoders for the output layouts of detectors trained elsewhere. Coordinates come out in the model's
 * input pixels (multiplied by the input size when the model gives them normalised to [0, 1]); mapping
 * them back to the original image is the caller's job ({@link Box#mapped}).
 */
public final class ExternalDecoders {

	private ExternalDecoders() {}

	/** How the four box numbers are ordered. */
	public enum BoxOrder {
		/** x1, y1, x2, y2 */ XYXY,
		/** y1, x1, y2, x2 (TensorFlow object detection API) */ YXYX,
		/** centre x, centre y, width, height */ CXCYWH
	}

	/**
	 * An N×6 (or 1×N×6) tensor of rows x1, y1, x2, y2, score, class index (after the model's own NMS, as
	 * exported YOLO and torchvision models emit); rows below {@code minScore} are dropped. Class indices
	 * name {@code classes}; an index outside the list becomes its number as text.
	 */
	public static List<Box> n6(Tensor t, List<String> classes, double minScore) {
		int rows = rows(t, 6, "N×6 detections");
		float[] d = t.data();
		List<Box> boxes = new ArrayList<>();
		for (int r = 0; r < rows; r++) {
			int o = r * 6;
			double score = d[o + 4];
			if (!(score >= minScore)) continue;
			boxes.add(Box.fromCorners(className(classes, Math.round(d[o + 5])), score, d[o], d[o + 1], d[o + 2], d[o + 3]));
		}
		return boxes;
	}

	/**
	 * Separate {@code boxes} (N×4 or 1×N×4) and {@code scores} (N×C or 1×N×C) tensors, as SSD-style models
	 * emit: each box gives one detection per class whose score reaches {@code minScore} (per-class
	 * non-max suppression follows). With {@code backgroundFirst}, score column 0 is the background and
	 * column c names {@code classes[c − 1]}. {@code normalizedWidth}/{@code Height} &gt; 0 scale
	 * coordinates given in [0, 1] to pixels.
	 */
	public static List<Box> boxesAndScores(Tensor boxesTensor, Tensor scoresTensor, BoxOrder order, List<String> classes, boolean backgroundFirst,
			double minScore, double normalizedWidth, double normalizedHeight) {
		int n = rows(boxesTensor, 4, "boxes");
		int c = scoresTensor.dim(-1);
		if (scoresTensor.size() != (long) n * c)
			throw new IllegalArgumentException("ExternalDecoders: scores " + scoresTensor.shapeString() + " do not give one row per box of "
					+ boxesTensor.shapeString());
		float[] b = boxesTensor.data(), s = scoresTensor.data();
		double sx = normalizedWidth > 0 ? normalizedWidth : 1, sy = normalizedHeight > 0 ? normalizedHeight : 1;
		List<Box> out = new ArrayList<>();
		for (int r = 0; r < n; r++) {
			double v0 = b[4 * r], v1 = b[4 * r + 1], v2 = b[4 * r + 2], v3 = b[4 * r + 3];
			double x1, y1, x2, y2;
			switch (order) {
				case XYXY -> { x1 = v0; y1 = v1; x2 = v2; y2 = v3; }
				case YXYX -> { y1 = v0; x1 = v1; y2 = v2; x2 = v3; }
				default -> { x1 = v0 - v2 / 2; y1 = v1 - v3 / 2; x2 = v0 + v2 / 2; y2 = v1 + v3 / 2; }
			}
			for (int k = backgroundFirst ? 1 : 0; k < c; k++) {
				double score = s[r * c + k];
				if (!(score >= minScore)) continue;
				out.add(Box.fromCorners(className(classes, backgroundFirst ? k - 1 : k), score, x1 * sx, y1 * sy, x2 * sx, y2 * sy));
			}
		}
		return out;
	}

	private static int rows(Tensor t, int width, String what) {
		int[] s = t.shape();
		boolean ok = (s.length == 2 && s[1] == width) || (s.length == 3 && s[0] == 1 && s[2] == width);
		if (!ok) throw new IllegalArgumentException("ExternalDecoders: " + what + " must be N×" + width + " or 1×N×" + width + ", got " + t.shapeString());
		return s[s.length - 2];
	}

	private static String className(List<String> classes, long index) {
		return index >= 0 && index < classes.size() ? classes.get((int) index) : Long.toString(index);
	}
}
