package sc.fiji.convnet.ij;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionCounts;

/**
 * Shows detections on an image: rectangles in the overlay coloured per class and labelled with class and
 * score, optionally added to the ROI Manager (never cleared), a table of the boxes (class, score, x, y,
 * width, height in calibrated units) and a table with the count per class.
 */
public final class DetectionDisplay {

	private DetectionDisplay() {}

	private static final Color[] PALETTE = { new Color(230, 25, 75), new Color(60, 180, 75), new Color(0, 130, 200), new Color(245, 130, 48),
			new Color(145, 30, 180), new Color(70, 240, 240), new Color(240, 50, 230), new Color(210, 245, 60) };

	/** The colour of a class: by its position in the model's class list, else by its name. */
	public static Color colour(String label, List<String> classes) {
		int i = classes.indexOf(label);
		if (i < 0) i = Math.floorMod(label.hashCode(), PALETTE.length);
		return PALETTE[i % PALETTE.length];
	}

	public static Roi roi(Box b, List<String> classes, int position) {
		Roi r = new Roi(b.x(), b.y(), b.width(), b.height());
		r.setStrokeColor(colour(b.label(), classes));
		r.setName(String.format(Locale.ROOT, "%s %.2f", b.label(), b.score()));
		if (position > 0) r.setPosition(position);
		return r;
	}

	/** Adds the boxes to the image's overlay (created when missing), with their names as labels. */
	public static Overlay addOverlay(ImagePlus imp, List<Box> boxes, List<String> classes) {
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		int position = imp.getStackSize() > 1 ? imp.getCurrentSlice() : 0;
		for (Box b : boxes) overlay.add(roi(b, classes, position));
		overlay.drawLabels(true);
		overlay.drawNames(true);
		overlay.drawBackgrounds(false);
		overlay.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
		overlay.setLabelColor(Color.white);
		imp.setOverlay(overlay);
		return overlay;
	}

	/** Adds the boxes to the ROI Manager without clearing what it holds. */
	public static void addToRoiManager(ImagePlus imp, List<Box> boxes, List<String> classes) {
		RoiManager rm = RoiManager.getInstance();
		if (rm == null) rm = ij.macro.Interpreter.isBatchMode() || java.awt.GraphicsEnvironment.isHeadless() ? RoiManager.getRoiManager() : new RoiManager();
		int position = imp.getStackSize() > 1 ? imp.getCurrentSlice() : 0;
		for (Box b : boxes) rm.addRoi(roi(b, classes, position));
	}

	/** One row per box; x, y, width, height in the image's calibrated units. */
	public static ResultsTable table(ImagePlus imp, List<Box> boxes) {
		Calibration cal = imp.getCalibration();
		ResultsTable rt = new ResultsTable();
		for (Box b : boxes) {
			rt.incrementCounter();
			rt.addValue("class", b.label());
			rt.addValue("score", b.score());
			rt.addValue("x", cal.getX(b.x()));
			rt.addValue("y", cal.getY(b.y(), imp.getHeight()));
			rt.addValue("width", b.width() * cal.pixelWidth);
			rt.addValue("height", b.height() * cal.pixelHeight);
		}
		return rt;
	}

	/** One row per class with its count, and a total row. */
	public static ResultsTable counts(List<Box> boxes, List<String> classes) {
		ResultsTable rt = new ResultsTable();
		int total = 0;
		for (Map.Entry<String, Integer> e : DetectionCounts.perClass(boxes, classes).entrySet()) {
			rt.incrementCounter();
			rt.addValue("class", e.getKey());
			rt.addValue("count", e.getValue());
			total += e.getValue();
		}
		rt.incrementCounter();
		rt.addValue("class", "total");
		rt.addValue("count", total);
		return rt;
	}
}
