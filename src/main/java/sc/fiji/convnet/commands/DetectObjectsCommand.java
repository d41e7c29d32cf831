package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.DetectionRun;

/**
 * Plugins › ConvNet › Detect Objects: boxes in the overlay (coloured per class), a table of boxes and a count per class.
 * Field names = macro keys of {@link sc.fiji.convnet.request.CommandSpecs#DETECT}; defaults from {@link sc.fiji.convnet.request.DetectRequest}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Detect Objects", description = "Boxes of the objects of the current image (default: red and white blood cells, platelets) and their counts",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Detect Objects", weight = 4) }, headless = true)
public class DetectObjectsCommand extends DetectParameters {

	@Parameter
	private ImagePlus image;

	@Parameter(label = "Add to ROI Manager")
	private boolean add = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable detections;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable counts;

	@Override
	void execute() throws Exception {
		sc.fiji.convnet.request.DetectRequest request = request();
		DetectionRun.Output out = DetectionRun.run(image, request.detector(), request.settings(), request.allPlanes(), true, add, new IJProgress(label()));
		detections = out.table();
		counts = out.counts();
		if (!java.awt.GraphicsEnvironment.isHeadless()) {
			detections.show("Detections");
			counts.show("Detection counts");
		}
	}
}
