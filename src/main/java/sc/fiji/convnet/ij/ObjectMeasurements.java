package sc.fiji.convnet.ij;

import ij.measure.Calibration;
import ij.measure.ResultsTable;
import sc.fiji.convnet.segment.LabelImage;

/**
 * One row per object: label, area, centroid, bounding box, mean and integrated intensity, in the
 * image's calibrated units (pixels when uncalibrated).
 */
public final class ObjectMeasurements {

	private ObjectMeasurements() {}

	/**
	 * @param intensity the original plane's values (any bit depth, as floats)
	 * @param image     image name for the table's first column (may be null)
	 * @param plane     1-based plane number (0 to leave the column out)
	 */
	public static void addRows(ResultsTable table, LabelImage labels, float[] intensity, Calibration cal, String image, int plane) {
		int w = labels.width(), h = labels.height(), n = labels.count();
		int[] l = labels.labels();
		long[] area = new long[n + 1];
		double[] sumX = new double[n + 1], sumY = new double[n + 1], sumI = new double[n + 1];
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
				minX[k] = Math.min(minX[k], x); maxX[k] = Math.max(maxX[k], x);
				minY[k] = Math.min(minY[k], y); maxY[k] = Math.max(maxY[k], y);
			}
		double pw = cal == null ? 1 : cal.pixelWidth, ph = cal == null ? 1 : cal.pixelHeight;
		double x0 = cal == null ? 0 : cal.xOrigin, y0 = cal == null ? 0 : cal.yOrigin;
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
		}
	}
}
