package sc.fiji.convnet.segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance segmentation scores: predicted objects are matched one-to-one to ground-truth objects
 * when their IoU reaches a threshold (greedily, largest IoU first; above 0.5 a match is unique anyway).
 * With TP, FP, FN counted over all images, AP = TP / (TP + FP + FN) (the
 * definition StarDist and the Data Science Bowl use), precision = TP / (TP + FP), recall = TP / (TP + FN),
 * F1 = 2TP / (2TP + FP + FN), and the mean IoU of the matched pairs.
 */
public final class SegmentationMetrics {

	/** The IoU thresholds reported by default: 0.50, 0.55, …, 0.95. */
	public static final double[] THRESHOLDS = { 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95 };

	private final double[] thresholds;
	private final long[] tp, fp, fn;
	private final double[] matchedIouSum;
	private int images;

	public SegmentationMetrics(double... thresholds) {
		this.thresholds = thresholds.length == 0 ? THRESHOLDS.clone() : thresholds.clone();
		int k = this.thresholds.length;
		tp = new long[k]; fp = new long[k]; fn = new long[k];
		matchedIouSum = new double[k];
	}

	/** Adds one image pair; both must have the same size. */
	public SegmentationMetrics add(LabelImage truth, LabelImage prediction) {
		if (truth.width() != prediction.width() || truth.height() != prediction.height())
			throw new IllegalArgumentException("Evaluate Segmentation: ground truth is " + truth.width() + "×" + truth.height()
					+ " but the prediction is " + prediction.width() + "×" + prediction.height());
		int[] t = truth.labels(), p = prediction.labels();
		int nt = max(t), np = max(p);
		long[] areaT = new long[nt + 1], areaP = new long[np + 1];
		Map<Long, Long> overlap = new HashMap<>();
		for (int i = 0; i < t.length; i++) {
			areaT[t[i]]++;
			areaP[p[i]]++;
			if (t[i] != 0 && p[i] != 0) overlap.merge((long) t[i] << 32 | p[i], 1L, Long::sum);
		}
		int realT = count(areaT), realP = count(areaP);
		List<double[]> pairs = new ArrayList<>(); // iou, truth, prediction
		for (Map.Entry<Long, Long> e : overlap.entrySet()) {
			int a = (int) (e.getKey() >>> 32), b = (int) (e.getKey() & 0xffffffffL);
			long inter = e.getValue();
			double iou = inter / (double) (areaT[a] + areaP[b] - inter);
			pairs.add(new double[] { iou, a, b });
		}
		pairs.sort((x, y) -> Double.compare(y[0], x[0]));
		for (int k = 0; k < thresholds.length; k++) {
			boolean[] usedT = new boolean[nt + 1], usedP = new boolean[np + 1];
			long matches = 0;
			for (double[] pair : pairs) {
				if (pair[0] < thresholds[k]) break;
				int a = (int) pair[1], b = (int) pair[2];
				if (usedT[a] || usedP[b]) continue;
				usedT[a] = usedP[b] = true;
				matches++;
				matchedIouSum[k] += pair[0];
			}
			tp[k] += matches;
			fp[k] += realP - matches;
			fn[k] += realT - matches;
		}
		images++;
		return this;
	}

	private static int max(int[] a) { int m = 0; for (int v : a) if (v > m) m = v; return m; }

	private static int count(long[] areas) { int c = 0; for (int i = 1; i < areas.length; i++) if (areas[i] > 0) c++; return c; }

	public double[] thresholds() { return thresholds.clone(); }
	public int images() { return images; }
	public long truePositives(int k) { return tp[k]; }
	public long falsePositives(int k) { return fp[k]; }
	public long falseNegatives(int k) { return fn[k]; }

	public double averagePrecision(int k) { return ratio(tp[k], tp[k] + fp[k] + fn[k]); }
	public double precision(int k) { return ratio(tp[k], tp[k] + fp[k]); }
	public double recall(int k) { return ratio(tp[k], tp[k] + fn[k]); }
	public double f1(int k) { return ratio(2 * tp[k], 2 * tp[k] + fp[k] + fn[k]); }
	public double meanMatchedIou(int k) { return tp[k] == 0 ? 0 : matchedIouSum[k] / tp[k]; }

	/** AP at the threshold closest to {@code iou}. */
	public double averagePrecisionAt(double iou) {
		int best = 0;
		for (int k = 1; k < thresholds.length; k++) if (Math.abs(thresholds[k] - iou) < Math.abs(thresholds[best] - iou)) best = k;
		return averagePrecision(best);
	}

	private static double ratio(long a, long b) { return b == 0 ? 0 : a / (double) b; }
}
