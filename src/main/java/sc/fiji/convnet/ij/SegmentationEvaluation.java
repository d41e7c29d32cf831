package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.SegmentationMetrics;

/**
 * Predicted label images against ground-truth label images: AP, precision, recall, F1 and mean
 * matched IoU at IoU thresholds 0.50…0.95, counts summed over all images.
 */
public final class SegmentationEvaluation {

	private SegmentationEvaluation() {}

	/** One pair of open images (2-D label images of the same size). */
	public static SegmentationMetrics evaluate(ImagePlus truth, ImagePlus prediction) {
		return new SegmentationMetrics().add(labels(truth), labels(prediction));
	}

	/**
	 * Every {@code NAME.tif} of the truth folder against {@code NAME<suffix>} in the prediction folder;
	 * a missing prediction counts as no objects found (all false negatives), and is logged.
	 */
	public static SegmentationMetrics evaluateFolders(File truthDir, File predictionDir, String suffix, Consumer<String> log) throws IOException {
		File[] truths = truthDir.listFiles(f -> f.isFile() && f.getName().toLowerCase().endsWith(".tif"));
		if (truths == null || truths.length == 0) throw new IOException("Evaluate Segmentation: no .tif label images in " + truthDir);
		Arrays.sort(truths);
		SegmentationMetrics metrics = new SegmentationMetrics();
		for (File t : truths) {
			String name = t.getName().substring(0, t.getName().length() - 4);
			File p = new File(predictionDir, name + suffix);
			LabelImage truth = labels(BatchSegmentation.open(t));
			LabelImage predicted;
			if (p.isFile()) predicted = labels(BatchSegmentation.open(p));
			else {
				log.accept(name + ": no prediction " + p.getName() + " in " + predictionDir + "; counted as nothing found");
				predicted = LabelImage.empty(truth.width(), truth.height());
			}
			try {
				metrics.add(truth, predicted);
			} catch (IllegalArgumentException e) {
				throw new IOException(name + ": " + e.getMessage(), e);
			}
		}
		return metrics;
	}

	/** A label image from an ImagePlus (8/16/32-bit, one plane). */
	public static LabelImage labels(ImagePlus imp) {
		if (imp.getStackSize() != 1)
			throw new IllegalArgumentException(imp.getTitle() + ": a label image must have one plane, it has " + imp.getStackSize());
		if (imp.getType() == ImagePlus.COLOR_RGB || imp.getType() == ImagePlus.COLOR_256)
			throw new IllegalArgumentException(imp.getTitle() + ": an RGB image is not a label image");
		ImageProcessor ip = imp.getProcessor();
		int n = ip.getPixelCount();
		int[] l = new int[n];
		int max = 0;
		for (int i = 0; i < n; i++) {
			float v = ip.getf(i);
			if (v < 0 || v != Math.rint(v)) throw new IllegalArgumentException(imp.getTitle() + ": value " + v + " is not a label (a whole number ≥ 0)");
			l[i] = (int) v;
			max = Math.max(max, l[i]);
		}
		return new LabelImage(ip.getWidth(), ip.getHeight(), l, max);
	}

	/** One row per IoU threshold. */
	public static ResultsTable table(SegmentationMetrics m) {
		ResultsTable rt = new ResultsTable();
		double[] th = m.thresholds();
		for (int k = 0; k < th.length; k++) {
			rt.incrementCounter();
			rt.addValue("IoU threshold", th[k]);
			rt.addValue("AP", m.averagePrecision(k));
			rt.addValue("Precision", m.precision(k));
			rt.addValue("Recall", m.recall(k));
			rt.addValue("F1", m.f1(k));
			rt.addValue("TP", m.truePositives(k));
			rt.addValue("FP", m.falsePositives(k));
			rt.addValue("FN", m.falseNegatives(k));
			rt.addValue("Mean matched IoU", m.meanMatchedIou(k));
		}
		rt.setDecimalPlaces(0, 2);
		return rt;
	}

	/** The table as text lines, e.g. for the command line. */
	public static List<String> lines(SegmentationMetrics m) {
		List<String> out = new ArrayList<>();
		out.add(String.format("%-6s %-7s %-9s %-7s %-7s %6s %6s %6s %s", "IoU", "AP", "precision", "recall", "F1", "TP", "FP", "FN", "mean IoU"));
		double[] th = m.thresholds();
		for (int k = 0; k < th.length; k++)
			out.add(String.format(java.util.Locale.ROOT, "%-6.2f %-7.4f %-9.4f %-7.4f %-7.4f %6d %6d %6d %.4f", th[k], m.averagePrecision(k), m.precision(k),
					m.recall(k), m.f1(k), m.truePositives(k), m.falsePositives(k), m.falseNegatives(k), m.meanMatchedIou(k)));
		return out;
	}
}
