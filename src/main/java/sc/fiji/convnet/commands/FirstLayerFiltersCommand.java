package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;

/** Plugins › ConvNet › Explain › First Layer Filters: the first convolution's kernels as a montage. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>First Layer Filters", description = "The kernels of a network's first convolution as a montage",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "First Layer Filters", weight = 4) }, headless = true)
public class FirstLayerFiltersCommand implements Command {

	@Parameter(label = "Network (engine file or .onnx)")
	private File network;

	@Parameter(label = "Columns (0 = automatic)", min = "0")
	private int columns = 0;

	@Parameter(label = "Zoom (0 = automatic)", min = "0")
	private int zoom = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			result = ConvNet.firstLayerFilters(network.getPath(), columns, zoom);
		} catch (Exception e) {
			log.error("First Layer Filters: " + network + ": " + e.getMessage());
		}
	}
}
