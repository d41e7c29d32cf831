package sc.fiji.convnet.commands.ij1;

import java.nio.file.Path;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.detect.DetectionEvaluation;
import sc.fiji.convnet.ij.DetectionScoresTable;
import sc.fiji.convnet.ij.ErrorReport;

/**
 * ImageJ 1.x entry for Evaluate Detection, recorded as
 * {@code run("Evaluate Detection", "ground=/data/Annotations predictions=/out");}; scores go to the table "Detection scores".
 */
public class EvaluateDetectionPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog("Evaluate Detection");
		gd.addDirectoryField("Ground truth folder (VOC XML or CSV)", "");
		gd.addDirectoryField("Predictions folder (<image>_boxes.csv)", "");
		gd.addHelp(FilterRun.help("Evaluate Detection"));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		try {
			DetectionEvaluation.Result r = DetectionEvaluation.evaluate(Path.of(gd.getNextString()), Path.of(gd.getNextString()));
			DetectionScoresTable.of(r).show("Detection scores");
		} catch (Exception e) {
			ErrorReport.error("Evaluate Detection", e.getMessage());
		}
	}
}
