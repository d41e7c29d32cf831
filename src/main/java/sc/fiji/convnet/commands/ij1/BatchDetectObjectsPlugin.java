package sc.fiji.convnet.commands.ij1;

import java.io.File;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.detect.DetectionModels;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.IJProgress;

/**
 * ImageJ 1.x entry for Batch Detect Objects, recorded as
 * {@code run("Batch Detect Objects", "input=/data/in file=*.jpg output=/data/out model=bccd-detector scales=1 score=0.30 iou=0.45");}.
 */
public class BatchDetectObjectsPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog("Batch Detect Objects");
		gd.addDirectoryField("Input folder", "");
		gd.addStringField("File filter", "*", 12);
		gd.addDirectoryField("Output folder", "");
		gd.addStringField("Model (name or path)", DetectionModels.DEFAULT_MODEL, 30);
		gd.addStringField("Scales", "1", 12);
		gd.addNumericField("Score threshold", 0.3, 2);
		gd.addNumericField("IoU threshold (NMS)", 0.45, 2);
		gd.addCheckbox("Overwrite existing outputs", false);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		String input = gd.getNextString(), filter = gd.getNextString(), output = gd.getNextString(), model = gd.getNextString().trim();
		String scales = gd.getNextString();
		double score = gd.getNextNumber(), iou = gd.getNextNumber();
		boolean overwrite = gd.getNextBoolean();
		try {
			DetectionSettings s = new DetectionSettings(DetectionSettings.parseScales(scales), score, iou, false);
			sc.fiji.convnet.ij.FolderRunner.Report r = BatchDetection.of(model, null, s, overwrite, IJ::log)
					.run(new File(input), new File(output), filter, new IJProgress("Batch Detect Objects"));
			IJ.log("Batch Detect Objects: " + r);
		} catch (Exception e) {
			ErrorReport.error("Batch Detect Objects", e.getMessage());
		}
	}
}
