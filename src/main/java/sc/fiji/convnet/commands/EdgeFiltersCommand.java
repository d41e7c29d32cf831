package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Edge Filters: the 3×3 detectors of eqs. 10.3/10.4 (signed) and their magnitude. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Edge Filters", description = "Vertical and horizontal edges (3x3 kernels) and their magnitude",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Edge Filters", weight = 2) }, headless = true)
public class EdgeFiltersCommand implements Command {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Output", choices = { "magnitude", "vertical", "horizontal", "all" })
	private String output = "magnitude";

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			result = ConvNet.edges(image, output, new IJProgress("Edge Filters"));
		} catch (Exception e) {
			log.error("Edge Filters: " + FilterMessages.of("Edge Filters", image, e));
		}
	}
}
