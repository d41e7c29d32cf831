package sc.fiji.convnet.ij;

import java.util.List;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.predict.Progress;

/** Detect Objects on the current plane of an image: boxes, overlay, optional ROI Manager, tables. Shared by the SciJava and IJ1 commands. */
public final class DetectionRun {

	public record Output(List<Box> boxes, ResultsTable table, ResultsTable counts) {}

	private DetectionRun() {}

	public static Output run(ImagePlus imp, Detector detector, DetectionSettings settings, boolean overlay, boolean roiManager) {
		return run(imp, detector, settings, overlay, roiManager, Progress.NONE);
	}

	/** The same with the steps (predicting over the scales, suppressing overlaps, drawing) shown and Esc between scales. */
	public static Output run(ImagePlus imp, Detector detector, DetectionSettings settings, boolean overlay, boolean roiManager, Progress progress) {
		if (imp == null) throw new IllegalArgumentException("Detect Objects: no image");
		List<Box> boxes = detector.detect(DetectionImages.toRgb(imp), settings, progress);
		progress.stage("drawing and counting");
		if (overlay) DetectionDisplay.addOverlay(imp, boxes, detector.classes());
		if (roiManager) DetectionDisplay.addToRoiManager(imp, boxes, detector.classes());
		return new Output(boxes, DetectionDisplay.table(imp, boxes), DetectionDisplay.counts(boxes, detector.classes()));
	}
}
