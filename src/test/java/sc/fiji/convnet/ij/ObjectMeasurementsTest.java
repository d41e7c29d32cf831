package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.Measurements;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ImageStatistics;
import sc.fiji.convnet.segment.LabelImage;

/** Our per-object table against ImageJ's own statistics of the traced ROIs on a calibrated image. */
class ObjectMeasurementsTest {

	@Test
	void agreesWithImageJStatisticsOfTheRois() {
		int w = 60, h = 40;
		int[] labels = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (Math.hypot(x - 15, y - 20) < 9) labels[y * w + x] = 1;
				else if (x >= 35 && x < 55 && y >= 5 && y < 18) labels[y * w + x] = 2;
				else if (x >= 30 && x < 34 && y >= 25 && y < 38) labels[y * w + x] = 3;
			}
		LabelImage img = new LabelImage(w, h, labels, 3);
		float[] intensity = new float[w * h];
		SplittableRandom rng = new SplittableRandom(3);
		for (int i = 0; i < intensity.length; i++) intensity[i] = (float) (100 * rng.nextDouble());
		Calibration cal = new Calibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.5;
		cal.setUnit("µm");

		ResultsTable table = new ResultsTable();
		ObjectMeasurements.addRows(table, img, intensity, cal, null, 0);
		List<Roi> rois = LabelRois.fromLabels(img, 0);
		assertEquals(3, table.size());
		assertEquals(3, rois.size());

		ImagePlus imp = new ImagePlus("intensity", new FloatProcessor(w, h, intensity));
		imp.setCalibration(cal);
		for (int k = 0; k < 3; k++) {
			imp.setRoi(rois.get(k));
			ImageStatistics s = imp.getStatistics(Measurements.AREA | Measurements.MEAN | Measurements.CENTROID | Measurements.INTEGRATED_DENSITY);
			assertEquals(s.area, table.getValue("Area", k), 1e-9, "area of object " + (k + 1));
			assertEquals(s.mean, table.getValue("Mean", k), 1e-4, "mean of object " + (k + 1));
			assertEquals(s.xCentroid, table.getValue("X", k), 1e-9, "x centroid of object " + (k + 1));
			assertEquals(s.yCentroid, table.getValue("Y", k), 1e-9, "y centroid of object " + (k + 1));
			assertEquals(s.area * s.mean, table.getValue("IntDen", k), 1e-3, "integrated density of object " + (k + 1));
		}
	}

	@Test
	void shapeDescriptorsAndEveryChannelAgreeWithImageJsMeasure() {
		int w = 80, h = 60;
		int[] labels = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double ex = (x - 20) / 12.0, ey = (y - 25) / 6.0;
				if (ex * ex + ey * ey < 1) labels[y * w + x] = 1; // an ellipse
				else if (x >= 45 && x < 70 && y >= 10 && y < 50 && !(x >= 52 && y >= 20 && y < 40)) labels[y * w + x] = 2; // a C shape
			}
		LabelImage img = new LabelImage(w, h, labels, 2);
		float[][] channels = new float[2][w * h];
		SplittableRandom rng = new SplittableRandom(5);
		for (int c = 0; c < 2; c++) for (int i = 0; i < w * h; i++) channels[c][i] = (float) (50 * (c + 1) * rng.nextDouble());
		Calibration cal = new Calibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.25;
		cal.setUnit("µm");
		List<Roi> rois = LabelRois.fromLabels(img, 0);
		ResultsTable table = new ResultsTable();
		ObjectMeasurements.addRows(table, img, channels[0], rois, new ObjectMeasurements.Channels(channels, new String[] { "C1", "C2" }), cal, null, 0);

		int all = Measurements.AREA | Measurements.MEAN | Measurements.INTEGRATED_DENSITY | Measurements.PERIMETER | Measurements.ELLIPSE
				| Measurements.SHAPE_DESCRIPTORS | Measurements.FERET;
		for (int c = 0; c < 2; c++) {
			ImagePlus imp = new ImagePlus("channel", new FloatProcessor(w, h, channels[c]));
			imp.setCalibration(cal);
			ResultsTable ij = new ResultsTable();
			ij.process.ImageProcessor ignored = imp.getProcessor();
			for (Roi r : rois) {
				imp.setRoi((Roi) r.clone());
				new ij.plugin.filter.Analyzer(imp, all, ij).measure();
			}
			for (int k = 0; k < 2; k++) {
				assertEquals(ij.getValue("Mean", k), table.getValue("Mean C" + (c + 1), k), 1e-3, "mean of channel " + (c + 1));
				assertEquals(ij.getValue("IntDen", k), table.getValue("IntDen C" + (c + 1), k), 1e-3, "IntDen of channel " + (c + 1));
				if (c > 0) continue;
				for (String col : new String[] { "Perim.", "Circ.", "Major", "Minor", "Angle", "AR", "Round", "Solidity", "Feret", "FeretAngle", "MinFeret" })
					assertEquals(ij.getValue(col, k), table.getValue(col, k), 1e-6 * Math.max(1, Math.abs(ij.getValue(col, k))), col + " of object " + (k + 1));
			}
		}
		// the C shape is far from convex, the ellipse nearly so
		assertEquals(true, table.getValue("Solidity", 1) < 0.8 && table.getValue("Solidity", 0) > 0.9);
	}
}
