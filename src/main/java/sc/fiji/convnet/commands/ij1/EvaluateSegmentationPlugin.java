package sc.fiji.convnet.commands.ij1;

import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;

/**
 * ImageJ 1.x entry for Evaluate Segmentation, recorded as
 * {@code run("Evaluate Segmentation", "ground=truth.tif predicted=cells_labels.tif");}; the scores go
 * to a table named "Segmentation scores".
 */
public class EvaluateSegmentationPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		if (WindowManager.getImageCount() < 1) {
			ErrorReport.error("Evaluate Segmentation", "open a ground-truth and a predicted label image first");
			return;
		}
		GenericDialog gd = new GenericDialog("Evaluate Segmentation");
		gd.addImageChoice("Ground truth labels", null);
		gd.addImageChoice("Predicted labels", null);
		gd.addHelp(FilterRun.help("Evaluate Segmentation"));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		try {
			ConvNet.evaluateSegmentation(gd.getNextImage(), gd.getNextImage()).show("Segmentation scores");
		} catch (Exception e) {
			ErrorReport.error("Evaluate Segmentation", e.getMessage());
		}
	}
}
