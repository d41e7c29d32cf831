package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.NetworkPictures;
import sc.fiji.convnet.ij.SaliencyImages;

/** ImageJ 1.x entry for FGSM, recorded as {@code run("Adversarial Example (FGSM)", "classifier=/m.onnx epsilon=0.01 target=-1 normalization=none");}. */
public class FgsmPlugin implements PlugIn {

	static final String COMMAND = "Adversarial Example (FGSM)";
	private static String model = "", normalization = SaliencyImages.NORMALIZE_NONE;
	private static double epsilon = 0.01;
	private static int label = -1;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		SpecDialog.acceptAliases(sc.fiji.convnet.request.CommandSpecs.FGSM); // the old macro key class= is still read
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Classifier", model, 40);
		gd.addNumericField("Epsilon", epsilon, 4);
		gd.addNumericField("Target class (the true one; -1 = predicted)", label, 0);
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		epsilon = gd.getNextNumber();
		label = (int) gd.getNextNumber();
		normalization = gd.getNextChoice();
		FilterRun.show(COMMAND, imp, () -> {
			try {
				NetworkPictures.FgsmOutput out = ConvNet.fgsm(imp, model, epsilon, label, normalization);
				out.perturbation().show();
				out.probabilities().show("FGSM probabilities");
				return out.adversarial();
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e);
			}
		});
	}
}
