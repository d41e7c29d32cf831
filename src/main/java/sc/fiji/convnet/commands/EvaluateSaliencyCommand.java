package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;
import sc.fiji.convnet.ConvNet;

/** Plugins › ConvNet › Explain › Evaluate Saliency: the pointing game over a folder of maps and VOC boxes. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Evaluate Saliency", description = "The pointing game: how often a saliency map peaks inside a box of the class",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Evaluate Saliency", weight = 2) }, headless = true)
public class EvaluateSaliencyCommand implements Command {

	@Parameter(label = "Annotations (Pascal VOC .xml)", style = "directory")
	private File annotations;

	@Parameter(label = "Saliency maps", style = "directory")
	private File maps;

	@Parameter(label = "Class name")
	private String target = "WBC";

	@Parameter(label = "Map file suffix")
	private String suffix = "_saliency.tif";

	@Parameter(label = "Tolerance (pixels)", min = "0")
	private double tolerance = 15;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable result;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			result = ConvNet.evaluateSaliency(annotations.getPath(), maps.getPath(), target, suffix, tolerance);
		} catch (Exception e) {
			log.error("Evaluate Saliency: " + e.getMessage());
		}
	}
}
