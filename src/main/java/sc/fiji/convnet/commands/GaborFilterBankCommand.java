package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Filters › Gabor Filter Bank: eqs. 10.6–10.8, one feature map per filter, and the bank as a picture. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Filters>Gabor Filter Bank", description = "A bank of Gabor filters over orientations, frequencies and phases: one feature map per filter",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Filters", weight = MenuOrder.FILTERS), @Menu(label = "Gabor Filter Bank", weight = 3) }, headless = true)
public class GaborFilterBankCommand extends LoggedCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Orientations θ (evenly over 0–180°)", min = "1")
	private int orientations = new GaborSettings().orientations;

	@Parameter(label = "Frequencies ω (radians/pixel, comma list)")
	private String frequencies = new GaborSettings().frequencies;

	@Parameter(label = "Phase φ (radians, comma list)")
	private String phase = new GaborSettings().phases;

	@Parameter(label = "Alpha α (envelope decay across stripes)", min = "0.0001")
	private double alpha = new GaborSettings().alpha;

	@Parameter(label = "Beta β (envelope decay along stripes)", min = "0.0001")
	private double beta = new GaborSettings().beta;

	@Parameter(label = "Size of the kernels (pixels)", min = "1")
	private int size = new GaborSettings().size;

	@Parameter(label = "Show the bank (Fig. 10.11)")
	private boolean show = true;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus featureMaps;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus bank;

	@Override
	void execute() throws Exception {
		GaborSettings s = new GaborSettings();
		s.orientations = orientations; s.frequencies = frequencies; s.phases = phase; s.alpha = alpha; s.beta = beta; s.size = size;
		GaborBank b = s.bank();
		featureMaps = sc.fiji.convnet.ij.ResultWindows.name(ConvNetFilters.gaborBank(image, b, new IJProgress(label())));
		if (show) bank = sc.fiji.convnet.ij.ResultWindows.name(ConvNetFilters.gaborMontage(b));
	}

	@Override
	String failure(Exception e) {
		return FilterMessages.of(label(), image, e);
	}
}
