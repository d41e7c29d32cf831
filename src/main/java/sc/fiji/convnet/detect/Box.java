package sc.fiji.convnet.detect;

import java.util.Locale;

/**
 * An axis-aligned detection box: class name, score in [0, 1] (1 for ground truth), top-left corner
 * (x, y), width and height in pixels. Ground truth carries a {@code difficult} flag as Pascal VOC does.
 */
public record Box(String label, double score, double x, double y, double width, double height, boolean difficult) {

	public Box {
		if (label == null || label.isBlank()) throw new IllegalArgumentException("Box: empty class name");
		if (!(width >= 0 && height >= 0))
			throw new IllegalArgumentException("Box '" + label + "': negative or NaN size " + width + "×" + height);
		if (!Double.isFinite(x) || !Double.isFinite(y)) throw new IllegalArgumentException("Box '" + label + "': corner (" + x + ", " + y + ") not finite");
	}

	public Box(String label, double score, double x, double y, double width, double height) {
		this(label, score, x, y, width, height, false);
	}

	/** A box from its corners x1 ≤ x2, y1 ≤ y2 (swapped when given the other way round). */
	public static Box fromCorners(String label, double score, double x1, double y1, double x2, double y2) {
		return new Box(label, score, Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
	}

	/** A box from its centre and size. */
	public static Box fromCentre(String label, double score, double cx, double cy, double width, double height) {
		return new Box(label, score, cx - width / 2, cy - height / 2, width, height);
	}

	public double x2() { return x + width; }
	public double y2() { return y + height; }
	public double centreX() { return x + width / 2; }
	public double centreY() { return y + height / 2; }
	public double area() { return width * height; }

	/** Intersection over union with another box (Bishop 10.4.2); see {@link Iou}. */
	public double iou(Box other) { return Iou.of(this, other); }

	/** This box with coordinates multiplied by {@code sx}, {@code sy} and shifted by {@code dx}, {@code dy} afterwards. */
	public Box mapped(double sx, double sy, double dx, double dy) {
		return new Box(label, score, x * sx + dx, y * sy + dy, width * sx, height * sy, difficult);
	}

	/** This box in the mirror image of a {@code w}×{@code h} image, mirrored left–right and/or top–bottom (its own inverse). */
	public Box flipped(boolean horizontally, boolean vertically, double w, double h) {
		return new Box(label, score, horizontally ? w - x - width : x, vertically ? h - y - height : y, width, height, difficult);
	}

	/** This box intersected with [0, w]×[0, h]. */
	public Box clipped(double w, double h) {
		double x1 = Math.max(0, Math.min(w, x)), y1 = Math.max(0, Math.min(h, y));
		double x2 = Math.max(0, Math.min(w, x2())), y2 = Math.max(0, Math.min(h, y2()));
		return new Box(label, score, x1, y1, x2 - x1, y2 - y1, difficult);
	}

	public Box withScore(double s) { return new Box(label, s, x, y, width, height, difficult); }
	public Box withLabel(String l) { return new Box(l, score, x, y, width, height, difficult); }

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s %.3f [%.1f, %.1f, %.1f×%.1f]%s", label, score, x, y, width, height, difficult ? " difficult" : "");
	}
}
