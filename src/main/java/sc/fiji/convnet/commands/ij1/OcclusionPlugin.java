package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SaliencyImages;

/**
 * ImageJ 1.x entry for occlusion sensitivity, recorded as
 * {@code run("Occlusion Sensitivity", "classifier=/m.onnx patch=16 stride=8 batch=16 baseline=NaN target=-1 softmax opacity=0.5 normalization=none");}.
 */
public class OcclusionPlugin implements PlugIn {

	static final String COMMAND = "Occlusion Sensitivity";
	private static String model = "", normalization = SaliencyImages.NORMALIZE_NONE;
	private static int patch = 16, stride = 8, batch = 16, classIndex = -1;
	private static double baseline = Double.NaN, opacity = 0.5;
	private static boolean softmax = true;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		SpecDialog.acceptAliases(sc.fiji.convnet.request.CommandSpecs.OCCLUSION); // the old macro key class= is still read
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Classifier", model, 40);
		gd.addNumericField("Patch size", patch, 0, 5, "pixels");
		gd.addNumericField("Stride", stride, 0, 5, "pixels");
		gd.addNumericField("Batch size", batch, 0);
		gd.addNumericField("Baseline (NaN = mean)", baseline, 3);
		gd.addNumericField("Target class (-1 = top)", classIndex, 0);
		gd.addCheckbox("Softmax of the outputs", softmax);
		gd.addSlider("Opacity", 0, 1, opacity, 0.1);
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		patch = (int) gd.getNextNumber();
		stride = (int) gd.getNextNumber();
		batch = (int) gd.getNextNumber();
		baseline = gd.getNextNumber();
		classIndex = (int) gd.getNextNumber();
		softmax = gd.getNextBoolean();
		opacity = gd.getNextNumber();
		normalization = gd.getNextChoice();
		FilterRun.show(COMMAND, imp, () -> {
			ImagePlus map = ConvNet.occlusion(imp, model, patch, stride, batch, baseline, classIndex, softmax, opacity, normalization, new IJProgress(COMMAND));
			imp.updateAndDraw();
			return map;
		});
	}
}
