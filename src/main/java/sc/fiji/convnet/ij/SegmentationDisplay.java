package sc.fiji.convnet.ij;

import java.awt.Color;
import java.awt.GraphicsEnvironment;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

/**
 * Shows a segmentation the way Fiji users expect: the label image, the outlines in the input's
 * overlay, optionally the ROI Manager (ROIs are added; what the user has there is never cleared)
 * and the table.
 */
public final class SegmentationDisplay {

	private SegmentationDisplay() {}

	public static void show(ImagePlus input, SegmentationOutput out, boolean addToRoiManager, boolean showTable) {
		show(input, out, addToRoiManager, showTable, true);
	}

	/**
	 * @param showLabels false where the caller hands the label image on instead (a SciJava command's
	 *                   output, which Fiji displays itself)
	 */
	public static void show(ImagePlus input, SegmentationOutput out, boolean addToRoiManager, boolean showTable, boolean showLabels) {
		boolean windows = !GraphicsEnvironment.isHeadless();
		if (showLabels && windows) ResultWindows.show(out.labels());
		Overlay overlay = input.getOverlay() == null ? new Overlay() : input.getOverlay();
		for (Roi roi : out.rois()) {
			Roi copy = (Roi) roi.clone();
			copy.setStrokeColor(Color.YELLOW);
			overlay.add(copy);
		}
		input.setOverlay(overlay);
		if (addToRoiManager) addToRoiManager(input, out);
		if (showTable && windows) out.table().show(ImageSegmentation.stripExtension(input.getTitle()) + "_objects");
		if (out.probabilities() != null && windows) ResultWindows.show(out.probabilities());
	}

	/** Adds (never replaces) the ROIs; a hidden manager in batch mode. */
	public static void addToRoiManager(ImagePlus input, SegmentationOutput out) {
		RoiManager rm = RoiManager.getInstance();
		if (rm == null) rm = ij.macro.Interpreter.isBatchMode() ? RoiManager.getRoiManager() : new RoiManager();
		for (Roi roi : out.rois()) rm.addRoi((Roi) roi.clone());
	}
}
