package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SaliencyImages;

/**
 * ImageJ 1.x entry for DeepDream, recorded as
 * {@code run("DeepDream", "network=/m.onnx layer=[] iterations=20 step=0.01 octaves=3 octave=1.4 smoothing=0.5 normalization=0-1");}.
 */
public class DeepDreamPlugin implements PlugIn {

	static final String COMMAND = "DeepDream";
	private static String model = "", layer = "", normalization = SaliencyImages.NORMALIZE_UNIT;
	private static int iterations = 20, octaves = 3;
	private static double step = 0.01, octaveScale = 1.4, smoothing = 0.5;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Network", model, 40);
		gd.addStringField("Layer", layer, 16);
		gd.addNumericField("Iterations per octave", iterations, 0);
		gd.addNumericField("Step", step, 4);
		gd.addNumericField("Octaves", octaves, 0);
		gd.addNumericField("Octave scale", octaveScale, 2);
		gd.addNumericField("Smoothing sigma", smoothing, 2);
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		layer = gd.getNextString();
		iterations = (int) gd.getNextNumber();
		step = gd.getNextNumber();
		octaves = (int) gd.getNextNumber();
		octaveScale = gd.getNextNumber();
		smoothing = gd.getNextNumber();
		normalization = gd.getNextChoice();
		FilterRun.show(COMMAND, imp, () -> {
			try {
				return ConvNet.deepDream(imp, model, layer, iterations, step, octaves, octaveScale, smoothing, normalization, new IJProgress(COMMAND));
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e);
			}
		});
	}
}
