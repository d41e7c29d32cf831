package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.commands.GaborSettings;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.ij.IJProgress;

/**
 * ImageJ 1.x entry for Gabor Filter Bank, recorded as
 * {@code run("Gabor Filter Bank", "orientations=8 frequencies=[0.785, 1.571] phase=0 alpha=0.050 beta=0.050 size=15 show");}.
 */
public class GaborFilterBankPlugin implements PlugIn {

	static final String COMMAND = "Gabor Filter Bank";
	private static final GaborSettings LAST = new GaborSettings();
	private static boolean showBank = true;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addMessage("G(x, y) = exp(−α x'² − β y'²) · cos(ω x' + φ), x' along θ (Bishop eqs. 10.6–10.8).\n"
				+ "One feature map per (ω, φ, θ); wavelength = 2π/ω pixels.");
		LAST.addTo(gd);
		gd.addCheckbox("Show the bank (Fig. 10.11)", showBank);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		FilterRun.show(COMMAND, imp, () -> {
			LAST.readFrom(gd);
			showBank = gd.getNextBoolean();
			GaborBank bank = LAST.bank();
			ImagePlus maps = ConvNetFilters.gaborBank(imp, bank, new IJProgress(COMMAND));
			if (showBank) sc.fiji.convnet.ij.ResultWindows.show(ConvNetFilters.gaborMontage(bank));
			return maps;
		});
	}
}
