package sc.fiji.convnet.commands.ij1;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;

/**
 * ImageJ 1.x entry for Activation Maximization (an image that a class's pre-activation likes most), recorded as
 * {@code run("Activation Maximization", "classifier=/m.onnx target=0 width=64 height=64 iterations=200 learning=1 l2=0.001 blur=4 sigma=0.5 clip=0.1");}.
 * It needs no open image: it starts from a blank one of the given size.
 */
public class ActivationMaximizationPlugin implements PlugIn {

	static final String COMMAND = "Activation Maximization";
	private static String model = "";
	private static int classIndex = 0, width = 64, height = 64, iterations = 200, blurEvery = 4;
	private static double learningRate = 1, l2 = 1e-3, blurSigma = 0.5, clip = 0.1;

	@Override
	public void run(String arg) {
		SpecDialog.acceptAliases(sc.fiji.convnet.request.CommandSpecs.ACTIVATION_MAXIMIZATION); // the old macro key class= is still read
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Classifier", model, 40);
		gd.addNumericField("Target class", classIndex, 0);
		gd.addNumericField("Width", width, 0, 6, "px");
		gd.addNumericField("Height", height, 0, 6, "px");
		gd.addNumericField("Iterations", iterations, 0);
		gd.addNumericField("Learning rate", learningRate, 4);
		gd.addNumericField("L2 decay (lambda)", l2, 5);
		gd.addNumericField("Blur every (steps, 0: never)", blurEvery, 0);
		gd.addNumericField("Sigma of the blur", blurSigma, 2, 6, "px");
		gd.addNumericField("Clip smallest pixels (fraction)", clip, 2);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		classIndex = (int) gd.getNextNumber();
		width = (int) gd.getNextNumber();
		height = (int) gd.getNextNumber();
		iterations = (int) gd.getNextNumber();
		learningRate = gd.getNextNumber();
		l2 = gd.getNextNumber();
		blurEvery = (int) gd.getNextNumber();
		blurSigma = gd.getNextNumber();
		clip = gd.getNextNumber();
		boolean invalid = gd.invalidNumber();
		FilterRun.show(COMMAND, null, () -> {
			if (invalid || classIndex < 0 || width < 1 || height < 1 || iterations < 1 || l2 < 0 || blurEvery < 0 || blurSigma < 0 || clip < 0 || clip > 0.99)
				throw new IllegalArgumentException(model + ": class " + classIndex + ", " + width + "×" + height + ", " + iterations + " iterations, l2 " + l2
						+ ", blur every " + blurEvery + " sigma " + blurSigma + ", clip " + clip
						+ ": sizes and iterations must be ≥ 1, class, l2, blur ≥ 0, clip in [0, 0.99]");
			try {
				return ConvNet.activationMaximization(model, classIndex, height, width, iterations, learningRate, l2, blurEvery, blurSigma, clip,
						new IJProgress(COMMAND));
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e); // the message alone, not "java.io.IOException: …"
			}
		});
	}
}
