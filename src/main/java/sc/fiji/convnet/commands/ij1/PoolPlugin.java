package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.filters.Pooling;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.ij.IJProgress;

/** ImageJ 1.x entry for Pool, recorded as {@code run("Pool", "method=max size=2 stride=2");}. */
public class PoolPlugin implements PlugIn {

	static final String COMMAND = "Pool";
	private static String method = "max";
	private static int size = 2, stride = 2;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addChoice("Method", FilterChoices.words(Pooling.Mode.class), method);
		gd.addNumericField("Size of the window", size, 0, 4, "pixels");
		gd.addNumericField("Stride", stride, 0, 4, "pixels");
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		method = gd.getNextChoice();
		size = (int) gd.getNextNumber();
		stride = (int) gd.getNextNumber();
		FilterRun.show(COMMAND, imp, () -> {
			if (gd.invalidNumber()) throw new IllegalArgumentException("size or stride is not a number");
			return ConvNet.pool(imp, method, size, stride, new IJProgress(COMMAND));
		});
	}
}
