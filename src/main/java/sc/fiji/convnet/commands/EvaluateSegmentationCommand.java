package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.ConvNet;

/** Plugins › ConvNet › Evaluate Segmentation: AP, precision, recall, F1, mean matched IoU at IoU 0.50…0.95. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Evaluate Segmentation", description = "Scores a predicted label image against ground truth: AP, precision, recall, F1 at IoU 0.50 to 0.95",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Evaluate Segmentation", weight = 3) }, headless = true)
public class EvaluateSegmentationCommand implements Command {

	@Parameter(label = "Ground truth labels")
	private ImagePlus ground;

	@Parameter(label = "Predicted labels")
	private ImagePlus predicted;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable scores;

	@Override
	public void run() {
		scores = ConvNet.evaluateSegmentation(ground, predicted);
		scores.show("Segmentation scores");
	}
}
