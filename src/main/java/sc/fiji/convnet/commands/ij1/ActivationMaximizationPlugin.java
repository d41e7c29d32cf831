package sc.fiji.convnet.commands.ij1;

import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Activation Maximization (an image that a class's pre-activation likes most), its dialog generated
 * from {@link CommandSpecs#ACTIVATION_MAXIMIZATION}; recorded as
 * {@code run("Activation Maximization", "classifier=/m.onnx target=0 width=64 height=64 iterations=200 learning=1 l2=0.001 blur=4 sigma=0.5 clip=0.1");}
 * (the old key {@code class=} is still read). It needs no open image: it starts from a blank one of the given size.
 */
public class ActivationMaximizationPlugin implements PlugIn {

	static final String COMMAND = "Activation Maximization";

	@Override
	public void run(String arg) {
		Values v = FilterRun.ask(CommandSpecs.ACTIVATION_MAXIMIZATION);
		if (v == null) return;
		String model = v.text("classifier");
		int classIndex = (int) v.number("target"), width = (int) v.number("width"), height = (int) v.number("height");
		int iterations = (int) v.number("iterations"), blurEvery = (int) v.number("blur");
		double learningRate = v.number("learning"), l2 = v.number("l2"), blurSigma = v.number("sigma"), clip = v.number("clip");
		FilterRun.show(COMMAND, null, () -> {
			if (classIndex < 0 || width < 1 || height < 1 || iterations < 1 || l2 < 0 || blurEvery < 0 || blurSigma < 0 || clip < 0 || clip > 0.99)
				throw new IllegalArgumentException(model + ": class " + classIndex + ", " + width + "×" + height + ", " + iterations + " iterations, l2 " + l2
						+ ", blur every " + blurEvery + " sigma " + blurSigma + ", clip " + clip
						+ ": sizes and iterations must be ≥ 1, class, l2, blur ≥ 0, clip in [0, 0.99]");
			return ConvNet.activationMaximization(model, classIndex, height, width, iterations, learningRate, l2, blurEvery, blurSigma, clip,
					new IJProgress(COMMAND));
		});
	}
}
