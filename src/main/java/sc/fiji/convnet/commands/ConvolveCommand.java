package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Convolve: a typed kernel over every plane (or across channels); a new 32-bit image. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Convolve", headless = true)
public class ConvolveCommand implements Command {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Kernel (rows of numbers)", style = "text area")
	private String kernel = new ConvolveSettings().kernel;

	@Parameter(label = "Normalize kernel (divide by its sum)")
	private boolean normalize = true;

	@Parameter(label = "Padding", choices = { "replicate", "reflect", "zero" })
	private String padding = "replicate";

	@Parameter(label = "Output size", choices = { "same", "valid" })
	private String output = "same";

	@Parameter(label = "Stride", min = "1")
	private int stride = 1;

	@Parameter(label = "Across channels (one multi-channel filter)")
	private boolean acrossChannels = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		ConvolveSettings s = new ConvolveSettings();
		s.kernel = kernel; s.normalize = normalize; s.padding = padding; s.output = output; s.stride = stride;
		s.acrossChannels = acrossChannels;
		try {
			result = s.run(image, new IJProgress("Convolve"));
		} catch (Exception e) {
			log.error("Convolve: " + FilterMessages.of("Convolve", image, e));
		}
	}
}
