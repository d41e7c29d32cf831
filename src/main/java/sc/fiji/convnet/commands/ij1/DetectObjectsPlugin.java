package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.ij.DetectionRun;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Detect Objects, its dialog generated from {@link CommandSpecs#DETECT}; recorded as e.g.
 * {@code run("Detect Objects", "model=bccd-detector decoder=[from model] scales=[0.7,0.85,1,1.2,1.4] views=2 score=0.35 iou=0.45 add");}.
 * Boxes go to the overlay, tables "Detections" and "Detection counts".
 */
public class DetectObjectsPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage("Detect Objects");
		if (imp == null) return;
		Values v = SpecDialog.show(CommandSpecs.DETECT);
		if (v == null) return;
		try {
			DetectRequest request = DetectRequest.from(v);
			DetectionRun.Output out = DetectionRun.run(imp, request.detector(), request.settings(), request.allPlanes(), true, v.flag("add"), new IJProgress("Detect Objects"));
			out.table().show("Detections");
			out.counts().show("Detection counts");
			IJ.showStatus("Detect Objects: " + out.boxes().size() + " objects");
		} catch (CancelledException e) {
			IJ.showStatus("Detect Objects: cancelled");
		} catch (Exception e) {
			ErrorReport.error("Detect Objects", e.getMessage());
		}
	}
}
