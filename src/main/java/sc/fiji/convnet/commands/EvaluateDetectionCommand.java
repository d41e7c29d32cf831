package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.measure.ResultsTable;
import sc.fiji.convnet.detect.DetectionEvaluation;
import sc.fiji.convnet.ij.DetectionScoresTable;

/** Plugins › ConvNet › Evaluate Detection: AP@0.5 per class, mAP and AP@[.5:.95] of box CSVs against VOC XML or CSV ground truth. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Evaluate Detection", description = "AP per class and mAP of box CSVs against VOC XML or CSV ground truth",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Evaluate Detection", weight = 6) }, headless = true)
public class EvaluateDetectionCommand implements Command {

	@Parameter(label = "Ground truth folder (VOC XML or CSV)", style = FileWidget.DIRECTORY_STYLE)
	private File ground;

	@Parameter(label = "Predictions folder (<image>_boxes.csv)", style = FileWidget.DIRECTORY_STYLE)
	private File predictions;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable scores;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			scores = DetectionScoresTable.of(DetectionEvaluation.evaluate(ground.toPath(), predictions.toPath()));
			if (!java.awt.GraphicsEnvironment.isHeadless()) scores.show("Detection scores");
		} catch (Exception e) {
			log.error("Evaluate Detection: " + e.getMessage());
		}
	}
}
