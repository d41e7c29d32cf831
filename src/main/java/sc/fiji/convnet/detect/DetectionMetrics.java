package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Pascal VOC detection scores, accumulated image by image. Per class, detections of all images are
 * sorted by decreasing score; each is a true positive when its best-overlapping ground-truth box of that
 * class has IoU ≥ the threshold and was not matched before, a false positive otherwise; matches to
 * {@code difficult} boxes count neither way, and difficult boxes are not among the positives. AP is the
 * area under the precision–recall curve with precision made monotone (all-point interpolation, VOC2010+).
 * mAP is the mean over the classes that have ground truth; AP@[.5:.95] averages mAP over IoU 0.50, 0.55 … 0.95.
 */
public final class DetectionMetrics {

	private record Image(List<Box> truth, List<Box> predicted) {}

	private final List<Image> images = new ArrayList<>();

	/** Adds one image's ground truth and predictions. */
	public DetectionMetrics add(List<Box> truth, List<Box> predicted) {
		images.add(new Image(List.copyOf(truth), List.copyOf(predicted)));
		return this;
	}

	public int images() { return images.size(); }

	/** Classes with at least one ground-truth box, sorted by name. */
	public List<String> classes() {
		TreeSet<String> names = new TreeSet<>();
		for (Image im : images) for (Box b : im.truth) names.add(b.label());
		return new ArrayList<>(names);
	}

	/** Number of non-difficult ground-truth boxes of a class. */
	public int positives(String cls) {
		int n = 0;
		for (Image im : images) for (Box b : im.truth) if (b.label().equals(cls) && !b.difficult()) n++;
		return n;
	}

	/** AP of one class at the IoU threshold; NaN when the class has no (non-difficult) ground truth. */
	public double averagePrecision(String cls, double iouThreshold) {
		int npos = positives(cls);
		if (npos == 0) return Double.NaN;
		record Det(double score, int image, Box box) {}
		List<Det> dets = new ArrayList<>();
		for (int i = 0; i < images.size(); i++)
			for (Box b : images.get(i).predicted) if (b.label().equals(cls)) dets.add(new Det(b.score(), i, b));
		dets.sort(Comparator.comparingDouble(Det::score).reversed());
		boolean[][] used = new boolean[images.size()][];
		for (int i = 0; i < images.size(); i++) used[i] = new boolean[images.get(i).truth.size()];
		double[] tp = new double[dets.size()], fp = new double[dets.size()];
		int n = 0;
		for (Det d : dets) {
			List<Box> truth = images.get(d.image).truth;
			double best = 0;
			int bi = -1;
			for (int g = 0; g < truth.size(); g++) {
				if (!truth.get(g).label().equals(cls)) continue;
				double o = Iou.of(d.box, truth.get(g));
				if (o > best) { best = o; bi = g; }
			}
			if (bi >= 0 && best >= iouThreshold) {
				if (truth.get(bi).difficult()) continue;
				if (!used[d.image][bi]) { used[d.image][bi] = true; tp[n] = 1; }
				else fp[n] = 1;
			} else fp[n] = 1;
			n++;
		}
		return allPointAp(tp, fp, n, npos);
	}

	/** Area under the interpolated precision–recall curve of the first {@code n} ranked detections. */
	static double allPointAp(double[] tp, double[] fp, int n, int npos) {
		double[] rec = new double[n + 2], prec = new double[n + 2];
		double ctp = 0, cfp = 0;
		for (int k = 0; k < n; k++) {
			ctp += tp[k]; cfp += fp[k];
			rec[k + 1] = ctp / npos;
			prec[k + 1] = ctp / Math.max(ctp + cfp, 1e-9);
		}
		rec[n + 1] = 1;
		prec[n + 1] = 0;
		for (int k = n; k >= 0; k--) prec[k] = Math.max(prec[k], prec[k + 1]);
		double ap = 0;
		for (int k = 0; k <= n; k++) if (rec[k + 1] != rec[k]) ap += (rec[k + 1] - rec[k]) * prec[k + 1];
		return ap;
	}

	/** Mean AP over the classes with ground truth at the IoU threshold (NaN without ground truth). */
	public double meanAveragePrecision(double iouThreshold) {
		double sum = 0;
		int k = 0;
		for (String c : classes()) {
			double ap = averagePrecision(c, iouThreshold);
			if (!Double.isNaN(ap)) { sum += ap; k++; }
		}
		return k == 0 ? Double.NaN : sum / k;
	}

	/** COCO-style AP@[.5:.95]: mAP averaged over the IoU thresholds 0.50, 0.55, …, 0.95. */
	public double meanAveragePrecision50to95() {
		double sum = 0;
		for (int t = 0; t < 10; t++) sum += meanAveragePrecision(0.5 + 0.05 * t);
		return sum / 10;
	}
}
