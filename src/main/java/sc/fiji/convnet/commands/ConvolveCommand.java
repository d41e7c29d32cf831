package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Convolve: a typed kernel over every plane (or across channels); a new 32-bit image. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Convolve", description = "Convolves the image with a kernel typed as rows of numbers or taken from an open image",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Convolve", weight = 1) }, headless = true)
public class ConvolveCommand implements Command {

	@Parameter(label = "Image")
	private ImagePlus image;

	/** The kernel's text; named as ImageJ 1.x records the dialog's text area. */
	@Parameter(label = "Kernel (rows of numbers)", style = "text area")
	private String text1 = new ConvolveSettings().kernel;

	@Parameter(label = "Kernel from (text, or the title of an open image)")
	private String kernel = "text";

	@Parameter(label = "Normalize kernel (divide by its sum)")
	private boolean normalize = true;

	@Parameter(label = "Padding", choices = { "replicate", "reflect", "zero" })
	private String padding = "replicate";

	@Parameter(label = "Output size", choices = { "same", "valid" })
	private String output = "same";

	@Parameter(label = "Stride", min = "1")
	private int stride = 1;

	@Parameter(label = "Across channels (one multi-channel filter)")
	private boolean across = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		ConvolveSettings s = new ConvolveSettings();
		s.kernel = text1; s.normalize = normalize; s.padding = padding; s.output = output; s.stride = stride;
		s.acrossChannels = across;
		try {
			if ("text".equals(kernel)) result = s.run(image, new IJProgress("Convolve"));
			else {
				ImagePlus k = ij.WindowManager.getImage(kernel);
				if (k == null) throw new IllegalArgumentException("no open image '" + kernel + "' to take the kernel from");
				result = sc.fiji.convnet.ij.ImageFilters.convolve(image, sc.fiji.convnet.ij.KernelImages.kernel(k.getProcessor()), normalize,
						sc.fiji.convnet.ij.FilterChoices.padding(padding), sc.fiji.convnet.ij.FilterChoices.outputSize(output), stride, across,
						new IJProgress("Convolve"));
			}
		} catch (Exception e) {
			log.error("Convolve: " + FilterMessages.of("Convolve", image, e));
		}
	}
}
