package sc.fiji.convnet.commands;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.filters.OutputSize;
import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.predict.Progress;

/**
 * The parameters of Convolve with the defaults every entry point shows. Macro keys: text1 (the kernel),
 * normalize, padding, output, stride, across.
 */
public final class ConvolveSettings {

	public String kernel = "1 2 1\n2 4 2\n1 2 1";
	public boolean normalize = true;
	public String padding = "replicate";
	public String output = "same";
	public int stride = 1;
	public boolean acrossChannels = false;

	public ImagePlus run(ImagePlus imp, Progress progress) {
		return ConvNetFilters.convolve(imp, kernel, normalize, padding, output, stride, acrossChannels, progress);
	}

	/** The kernel text area; the other fields come after {@link #addOptionsTo}, so that a kernel source can sit between. */
	public void addKernelTo(GenericDialog gd) {
		gd.addMessage("Kernel: one row per line (or rows separated by ;), numbers separated by blanks or commas.\n"
				+ "Across channels: one kernel for all channels, or one per channel separated by a line ---");
		gd.addTextAreas(kernel, null, 7, 32);
	}

	public void addOptionsTo(GenericDialog gd) {
		gd.addCheckbox("Normalize kernel (divide by its sum)", normalize);
		gd.addChoice("Padding", FilterChoices.words(PaddingMode.class), padding);
		gd.addChoice("Output size", FilterChoices.words(OutputSize.class), output);
		gd.addNumericField("Stride", stride, 0, 4, "pixels");
		gd.addCheckbox("Across channels (one multi-channel filter)", acrossChannels);
	}

	public void readKernelFrom(GenericDialog gd) {
		kernel = gd.getNextText();
	}

	public void readOptionsFrom(GenericDialog gd) {
		normalize = gd.getNextBoolean();
		padding = gd.getNextChoice();
		output = gd.getNextChoice();
		stride = (int) gd.getNextNumber();
		acrossChannels = gd.getNextBoolean();
		if (gd.invalidNumber()) throw new IllegalArgumentException("the stride is not a number");
	}
}
