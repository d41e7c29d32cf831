package sc.fiji.convnet.ij;

import ij.measure.ResultsTable;
import sc.fiji.convnet.detect.DetectionEvaluation;
import sc.fiji.convnet.detect.DetectionMetrics;

/** The scores of Evaluate Detection as a table: AP@0.5 and AP@[.5:.95] per class, then the means. */
public final class DetectionScoresTable {

	private DetectionScoresTable() {}

	public static ResultsTable of(DetectionEvaluation.Result r) {
		DetectionMetrics m = r.metrics();
		ResultsTable rt = new ResultsTable();
		for (String c : m.classes()) {
			rt.incrementCounter();
			rt.addValue("class", c);
			rt.addValue("AP@0.5", m.averagePrecision(c, 0.5));
			double sum = 0;
			for (int t = 0; t < 10; t++) sum += m.averagePrecision(c, 0.5 + 0.05 * t);
			rt.addValue("AP@[.5:.95]", sum / 10);
			rt.addValue("ground truth", m.positives(c));
		}
		rt.incrementCounter();
		rt.addValue("class", "mean (mAP)");
		rt.addValue("AP@0.5", m.meanAveragePrecision(0.5));
		rt.addValue("AP@[.5:.95]", m.meanAveragePrecision50to95());
		int positives = 0;
		for (String c : m.classes()) positives += m.positives(c);
		rt.addValue("ground truth", positives);
		return rt;
	}
}
