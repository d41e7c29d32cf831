package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Pool: max or average over size×size windows, stride apart. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Pool", description = "Max or average pooling over square windows",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Pool", weight = 4) }, headless = true)
public class PoolCommand extends ImageFilterCommand {

	@Parameter(label = "Method", choices = { "max", "average" })
	private String method = "max";

	@Parameter(label = "Size (pixels)", min = "1")
	private int size = 2;

	@Parameter(label = "Stride (pixels)", min = "1")
	private int stride = 2;

	@Override
	ImagePlus make() throws Exception {
		return ConvNetFilters.pool(image, method, size, stride, new IJProgress(label()));
	}
}
