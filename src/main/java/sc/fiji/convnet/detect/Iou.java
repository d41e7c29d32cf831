package sc.fiji.convnet.detect;

/**
 * Intersection over union of two axis-aligned boxes (Bishop 10.4.2): area of the intersection divided by
 * the area of the union, 0 for disjoint boxes and for two empty boxes, 1 for identical non-empty boxes.
 */
public final class Iou {

	private Iou() {}

	public static double of(Box a, Box b) {
		return ofCorners(a.x(), a.y(), a.x2(), a.y2(), b.x(), b.y(), b.x2(), b.y2());
	}

	/** IoU of [ax1, ax2]×[ay1, ay2] and [bx1, bx2]×[by1, by2]. */
	public static double ofCorners(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2, double by2) {
		double iw = Math.min(ax2, bx2) - Math.max(ax1, bx1), ih = Math.min(ay2, by2) - Math.max(ay1, by1);
		if (iw <= 0 || ih <= 0) return 0;
		double inter = iw * ih;
		double union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
		return union > 0 ? inter / union : 0;
	}
}
