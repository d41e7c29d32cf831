package sc.fiji.convnet.ij;

import java.util.List;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.predict.Progress;

/**
 * Detect Objects on an image: boxes, overlay, optional ROI Manager, tables. Every slice and frame of a stack or
 * hyperstack, or the plane on show; each box in the overlay and ROI Manager sits on its plane, and the tables name the
 * plane of stacks. Shared by the SciJava and IJ1 commands.
 */
public final class DetectionRun {

	/** @param boxes every plane's boxes (the tables name their planes) */
	public record Output(List<Box> boxes, ResultsTable table, ResultsTable counts) {}

	private DetectionRun() {}

	public static Output run(ImagePlus imp, Detector detector, DetectionSettings settings, boolean allPlanes, boolean overlay, boolean roiManager) {
		return run(imp, detector, settings, allPlanes, overlay, roiManager, Progress.NONE);
	}

	/** The same with the steps (per plane: predicting over the scales, suppressing overlaps; then drawing) shown and Esc between scales. */
	public static Output run(ImagePlus imp, Detector detector, DetectionSettings settings, boolean allPlanes, boolean overlay, boolean roiManager,
			Progress progress) {
		if (imp == null) throw new IllegalArgumentException("Detect Objects: no image");
		List<DetectionPlanes.Plane> planes = DetectionPlanes.detect(imp, detector, settings, allPlanes, progress);
		progress.stage("drawing and counting");
		if (overlay) DetectionDisplay.addOverlay(imp, planes, detector.classes());
		if (roiManager) DetectionDisplay.addToRoiManager(imp, planes, detector.classes());
		return new Output(DetectionPlanes.all(planes), DetectionDisplay.table(imp, planes), DetectionDisplay.counts(imp, planes, detector.classes()));
	}
}
