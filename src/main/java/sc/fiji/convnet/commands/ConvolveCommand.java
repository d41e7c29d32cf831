package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Convolve: a typed kernel over every plane (or across channels); a new 32-bit image. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Convolve", description = "Convolves the image with a kernel typed as rows of numbers or taken from an open image",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Convolve", weight = 1) }, headless = true)
public class ConvolveCommand extends ImageFilterCommand {

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

	@Override
	ImagePlus make() {
		ConvolveSettings s = new ConvolveSettings();
		s.kernel = text1; s.normalize = normalize; s.padding = padding; s.output = output; s.stride = stride;
		s.acrossChannels = across;
		if ("text".equals(kernel)) return s.run(image, new IJProgress(label()));
		ImagePlus k = ij.WindowManager.getImage(kernel);
		if (k == null) throw new IllegalArgumentException("no open image '" + kernel + "' to take the kernel from");
		return sc.fiji.convnet.ij.ImageFilters.convolve(image, sc.fiji.convnet.ij.KernelImages.kernel(k.getProcessor()), normalize,
				sc.fiji.convnet.ij.FilterChoices.padding(padding), sc.fiji.convnet.ij.FilterChoices.outputSize(output), stride, across,
				new IJProgress(label()));
	}
}
