package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.model.ModelTask;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.SaliencyImages;

/**
 * ImageJ 1.x entry for Grad-CAM, recorded as
 * {@code run("Grad-CAM", "classifier=bccd-classifier layer=[] class=-1 opacity=0.5 normalization=none");}.
 */
public class GradCamPlugin implements PlugIn {

	static final String COMMAND = "Grad-CAM";
	private static String model = ModelTask.CLASSIFICATION.defaultModel(), layer = "", normalization = SaliencyImages.NORMALIZE_NONE;
	private static int classIndex = -1;
	private static double opacity = 0.5;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Classifier", model, 40);
		gd.addStringField("Layer", layer, 16);
		gd.addNumericField("Class (-1 = top)", classIndex, 0);
		gd.addSlider("Opacity", 0, 1, opacity, 0.1);
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addMessage("Layer empty: the last convolutional layer");
		gd.addHelp(FilterRun.HELP);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		layer = gd.getNextString();
		classIndex = (int) gd.getNextNumber();
		opacity = gd.getNextNumber();
		normalization = gd.getNextChoice();
		FilterRun.show(COMMAND, imp, () -> {
			if (gd.invalidNumber()) throw new IllegalArgumentException("class or opacity is not a number");
			try {
				ImagePlus map = ConvNet.gradCam(imp, model, layer, classIndex, opacity, normalization);
				imp.updateAndDraw();
				return map;
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e);
			}
		});
	}
}
