package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Up-sample: nearest or bilinear, by an integer factor. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Up-sample", description = "Nearest or bilinear up-sampling by an integer factor",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Up-sample", weight = 5) }, headless = true)
public class UpsampleCommand extends ImageFilterCommand {

	@Parameter(label = "Method", choices = { "nearest", "bilinear" })
	private String method = "nearest";

	@Parameter(label = "Factor", min = "1")
	private int factor = 2;

	@Override
	ImagePlus make() throws Exception {
		return ConvNetFilters.upsample(image, method, factor, new IJProgress(label()));
	}
}
