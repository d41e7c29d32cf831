package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.filters.Upsampling;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.ij.IJProgress;

/** ImageJ 1.x entry for Up-sample, recorded as {@code run("Up-sample", "method=bilinear factor=2");}. */
public class UpsamplePlugin implements PlugIn {

	static final String COMMAND = "Up-sample";
	private static String method = "nearest";
	private static int factor = 2;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addChoice("Method", FilterChoices.words(Upsampling.Method.class), method);
		gd.addNumericField("Factor", factor, 0);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		method = gd.getNextChoice();
		factor = (int) gd.getNextNumber();
		FilterRun.show(COMMAND, imp, () -> {
			if (gd.invalidNumber()) throw new IllegalArgumentException("the factor is not a number");
			return ConvNet.upsample(imp, method, factor, new IJProgress(COMMAND));
		});
	}
}
