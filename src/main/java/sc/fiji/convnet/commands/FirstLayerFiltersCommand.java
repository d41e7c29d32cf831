package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;

/** Plugins › ConvNet › Explain › First Layer Filters: the first convolution's kernels as a montage. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>First Layer Filters", description = "The kernels of a network's first convolution as a montage",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "First Layer Filters", weight = 4) }, headless = true)
public class FirstLayerFiltersCommand extends ImageResultCommand {

	@Parameter(label = "Network (engine file or .onnx)")
	private File network;

	@Parameter(label = "Columns (0 = automatic)", min = "0")
	private int columns = 0;

	@Parameter(label = "Zoom (0 = automatic)", min = "0")
	private int zoom = 0;

	@Override
	ImagePlus make() throws Exception {
		return ConvNet.firstLayerFilters(network.getPath(), columns, zoom);
	}

	@Override
	String failure(Exception e) {
		return network + ": " + e.getMessage();
	}
}
