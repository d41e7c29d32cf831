package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Edge Filters: the 3×3 detectors of eqs. 10.3/10.4 (signed) and their magnitude. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Edge Filters", description = "Vertical and horizontal edges (3x3 kernels) and their magnitude",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Edge Filters", weight = 2) }, headless = true)
public class EdgeFiltersCommand extends ImageFilterCommand {

	@Parameter(label = "Output", choices = { "magnitude", "vertical", "horizontal", "all" })
	private String output = "magnitude";

	@Override
	ImagePlus make() throws Exception {
		return ConvNetFilters.edges(image, output, new IJProgress(label()));
	}
}
