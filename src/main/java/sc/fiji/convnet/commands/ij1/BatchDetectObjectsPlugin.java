package sc.fiji.convnet.commands.ij1;

import java.io.File;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Batch Detect Objects, its dialog generated from {@link CommandSpecs#BATCH_DETECT}; recorded as
 * {@code run("Batch Detect Objects", "input=/data/in file=*.jpg output=/data/out model=bccd-detector scales=[0.7,0.85,1,1.2,1.4] views=2 score=0.35 iou=0.45");}.
 */
public class BatchDetectObjectsPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		Values v = SpecDialog.show(CommandSpecs.BATCH_DETECT);
		if (v == null) return;
		try {
			DetectRequest request = DetectRequest.from(v);
			sc.fiji.convnet.ij.FolderRunner.Report r = BatchDetection.of(request, v.flag("overwrite"), IJ::log)
					.run(new File(v.text("input")), new File(v.text("output")), v.text("file"), new IJProgress("Batch Detect Objects"));
			IJ.log("Batch Detect Objects: " + r);
		} catch (Exception e) {
			ErrorReport.error("Batch Detect Objects", e.getMessage());
		}
	}
}
