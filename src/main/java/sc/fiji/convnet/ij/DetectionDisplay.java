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
 * score, each on its plane, optionally added to the ROI Manager (never cleared), a table of the boxes (class, score, x,
 * y, width, height in calibrated units; slice and frame for a stack) and a table with the count per class (per plane
 * too for a stack).
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

	/** The box as a rectangle on its plane of {@code imp} (a hyperstack's slice and frame, all channels; a stack's slice). */
	public static Roi roi(Box b, List<String> classes, ImagePlus imp, DetectionPlanes.Plane plane) {
		Roi r = new Roi(b.x(), b.y(), b.width(), b.height());
		r.setStrokeColor(colour(b.label(), classes));
		r.setName(String.format(Locale.ROOT, "%s %.2f", b.label(), b.score()));
		if (imp.isHyperStack()) r.setPosition(0, plane.slice(), plane.frame());
		else if (imp.getStackSize() > 1) r.setPosition(plane.stackIndex());
		return r;
	}

	/** Adds the boxes to the image's overlay (created when missing), with their names as labels. */
	public static Overlay addOverlay(ImagePlus imp, List<DetectionPlanes.Plane> planes, List<String> classes) {
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (DetectionPlanes.Plane p : planes)
			for (Box b : p.boxes()) overlay.add(roi(b, classes, imp, p));
		overlay.drawLabels(true);
		overlay.drawNames(true);
		overlay.drawBackgrounds(false);
		overlay.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
		overlay.setLabelColor(Color.white);
		imp.setOverlay(overlay);
		return overlay;
	}

	/** Adds the boxes to the ROI Manager without clearing what it holds. */
	public static void addToRoiManager(ImagePlus imp, List<DetectionPlanes.Plane> planes, List<String> classes) {
		RoiManager rm = RoiManager.getInstance();
		if (rm == null) rm = ij.macro.Interpreter.isBatchMode() || java.awt.GraphicsEnvironment.isHeadless() ? RoiManager.getRoiManager() : new RoiManager();
		for (DetectionPlanes.Plane p : planes)
			for (Box b : p.boxes()) rm.addRoi(roi(b, classes, imp, p));
	}

	/** One row per box; x, y, width, height in the image's calibrated units; slice and frame when the image has several planes. */
	public static ResultsTable table(ImagePlus imp, List<DetectionPlanes.Plane> planes) {
		Calibration cal = imp.getCalibration();
		ResultsTable rt = new ResultsTable();
		for (DetectionPlanes.Plane p : planes)
			for (Box b : p.boxes()) {
				rt.incrementCounter();
				rt.addValue("class", b.label());
				rt.addValue("score", b.score());
				rt.addValue("x", cal.getX(b.x()));
				rt.addValue("y", cal.getY(b.y(), imp.getHeight()));
				rt.addValue("width", b.width() * cal.pixelWidth);
				rt.addValue("height", b.height() * cal.pixelHeight);
				addPlane(rt, imp, p);
			}
		return rt;
	}

	/** One row per class with its count, and a total row; for an image of several planes, those rows per plane first. */
	public static ResultsTable counts(ImagePlus imp, List<DetectionPlanes.Plane> planes, List<String> classes) {
		ResultsTable rt = new ResultsTable();
		if (severalPlanes(imp)) for (DetectionPlanes.Plane p : planes) countRows(rt, p.boxes(), classes, imp, p);
		countRows(rt, DetectionPlanes.all(planes), classes, imp, null);
		return rt;
	}

	private static void countRows(ResultsTable rt, List<Box> boxes, List<String> classes, ImagePlus imp, DetectionPlanes.Plane plane) {
		int total = 0;
		for (Map.Entry<String, Integer> e : DetectionCounts.perClass(boxes, classes).entrySet()) {
			rt.incrementCounter();
			rt.addValue("class", e.getKey());
			rt.addValue("count", e.getValue());
			total += e.getValue();
			addPlane(rt, imp, plane);
		}
		rt.incrementCounter();
		rt.addValue("class", "total");
		rt.addValue("count", total);
		addPlane(rt, imp, plane);
	}

	/** The slice and frame columns of an image of several planes (empty in rows for the whole image). */
	private static void addPlane(ResultsTable rt, ImagePlus imp, DetectionPlanes.Plane plane) {
		if (!severalPlanes(imp)) return;
		if (plane == null) { rt.addValue("slice", ""); rt.addValue("frame", ""); return; }
		rt.addValue("slice", plane.slice());
		rt.addValue("frame", plane.frame());
	}

	private static boolean severalPlanes(ImagePlus imp) { return imp.getNSlices() * imp.getNFrames() > 1; }
}
