package sc.fiji.convnet.ij;

import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.Measurements;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.FloatPolygon;
import ij.process.ImageStatistics;
import sc.fiji.convnet.segment.LabelImage;

/**
 * One row per object: label, area, centroid, bounding box, mean and integrated intensity of the
 * segmented channel, ImageJ's shape descriptors of its outline (perimeter, circularity, fitted ellipse
 * axes and angle, aspect ratio, roundness, solidity, Feret diameters), and the mean and integrated
 * intensity of every channel of the image, in the image's calibrated units (pixels when uncalibrated).
 */
public final class ObjectMeasurements {

	private ObjectMeasurements() {}

	/** The intensities of all channels at the object's plane, with the names of their table columns. */
	public record Channels(float[][] planes, String[] names) {
		public static Channels none() { return new Channels(new float[0][], new String[0]); }
	}

	/** The basic columns only (no outlines, no other channels). */
	public static void addRows(ResultsTable table, LabelImage labels, float[] intensity, Calibration cal, String image, int plane) {
		addRows(table, labels, intensity, null, Channels.none(), cal, image, plane);
	}

	/**
	 * @param intensity the segmented plane's values (any bit depth, as floats)
	 * @param outlines  the objects' traced outlines, one per label in label order (null: no shape columns)
	 * @param channels  every channel at this plane (for images with more than one channel; none otherwise)
	 * @param image     image name for the table's first column (may be null)
	 * @param plane     1-based plane number (0 to leave the column out)
	 */
	public static void addRows(ResultsTable table, LabelImage labels, float[] intensity, List<Roi> outlines, Channels channels, Calibration cal,
			String image, int plane) {
		int w = labels.width(), h = labels.height(), n = labels.count();
		int[] l = labels.labels();
		long[] area = new long[n + 1];
		double[] sumX = new double[n + 1], sumY = new double[n + 1], sumI = new double[n + 1];
		double[][] sumC = new double[channels.planes().length][n + 1];
		int[] minX = new int[n + 1], minY = new int[n + 1], maxX = new int[n + 1], maxY = new int[n + 1];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		java.util.Arrays.fill(minY, Integer.MAX_VALUE);
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = l[i];
				if (k == 0) continue;
				area[k]++;
				sumX[k] += x + 0.5;
				sumY[k] += y + 0.5;
				sumI[k] += intensity[i];
				for (int c = 0; c < sumC.length; c++) sumC[c][k] += channels.planes()[c][i];
				minX[k] = Math.min(minX[k], x); maxX[k] = Math.max(maxX[k], x);
				minY[k] = Math.min(minY[k], y); maxY[k] = Math.max(maxY[k], y);
			}
		double pw = cal == null ? 1 : cal.pixelWidth, ph = cal == null ? 1 : cal.pixelHeight;
		double x0 = cal == null ? 0 : cal.xOrigin, y0 = cal == null ? 0 : cal.yOrigin;
		Shapes shapes = outlines == null ? null : new Shapes(w, h, cal);
		int roi = 0;
		for (int k = 1; k <= n; k++) {
			if (area[k] == 0) continue;
			table.incrementCounter();
			if (image != null) table.addValue("Image", image);
			if (plane > 0) table.addValue("Plane", plane);
			table.addValue("Label", k);
			table.addValue("Area", area[k] * pw * ph);
			table.addValue("X", (sumX[k] / area[k] - x0) * pw);
			table.addValue("Y", (sumY[k] / area[k] - y0) * ph);
			table.addValue("BX", (minX[k] - x0) * pw);
			table.addValue("BY", (minY[k] - y0) * ph);
			table.addValue("Width", (maxX[k] - minX[k] + 1) * pw);
			table.addValue("Height", (maxY[k] - minY[k] + 1) * ph);
			table.addValue("Mean", sumI[k] / area[k]);
			table.addValue("IntDen", sumI[k] * pw * ph);
			table.addValue("RawIntDen", sumI[k]);
			if (shapes != null && roi < outlines.size()) shapes.add(table, outlines.get(roi++), area[k] * pw * ph);
			for (int c = 0; c < sumC.length; c++) {
				table.addValue("Mean " + channels.names()[c], sumC[c][k] / area[k]);
				table.addValue("IntDen " + channels.names()[c], sumC[c][k] * pw * ph);
			}
		}
	}

	/**
	 * ImageJ's shape descriptors of one outline, as Analyze › Measure defines them: perimeter of the traced
	 * outline, circularity 4π·area/perimeter² (at most 1), the best-fitting ellipse's axes and angle,
	 * aspect ratio major/minor, roundness 4·area/(π·major²), solidity area/convex hull area, and the
	 * Feret diameters with the angle of the largest.
	 */
	private static final class Shapes {
		private final ImagePlus canvas;

		Shapes(int w, int h, Calibration cal) {
			canvas = new ImagePlus("outlines", new ByteProcessor(w, h));
			if (cal != null) canvas.setCalibration(cal);
		}

		void add(ResultsTable table, Roi outline, double area) {
			Roi roi = (Roi) outline.clone();
			roi.setImage(canvas);
			canvas.setRoi(roi, false);
			ImageStatistics ellipse = canvas.getStatistics(Measurements.AREA | Measurements.ELLIPSE);
			double perimeter = roi.getLength();
			double[] feret = roi.getFeretValues();
			table.addValue("Perim.", perimeter);
			table.addValue("Circ.", perimeter > 0 ? Math.min(1, 4 * Math.PI * area / (perimeter * perimeter)) : 0);
			table.addValue("Major", ellipse.major);
			table.addValue("Minor", ellipse.minor);
			table.addValue("Angle", ellipse.angle);
			table.addValue("AR", ellipse.minor > 0 ? ellipse.major / ellipse.minor : 0);
			table.addValue("Round", ellipse.major > 0 ? 4 * area / (Math.PI * ellipse.major * ellipse.major) : 0);
			table.addValue("Solidity", area / hullArea(roi, canvas.getCalibration()));
			table.addValue("Feret", feret[0]);
			table.addValue("FeretAngle", feret[1]);
			table.addValue("MinFeret", feret[2]);
			canvas.deleteRoi();
		}

		private static double hullArea(Roi roi, Calibration cal) {
			FloatPolygon hull = roi.getFloatConvexHull();
			double a = 0;
			for (int i = 0, j = hull.npoints - 1; i < hull.npoints; j = i++) a += (hull.xpoints[j] + hull.xpoints[i]) * (hull.ypoints[j] - hull.ypoints[i]);
			return Math.abs(a) / 2 * cal.pixelWidth * cal.pixelHeight;
		}
	}
}
