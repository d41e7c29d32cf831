package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ij.NetworkPictures;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for FGSM, its dialog generated from {@link CommandSpecs#FGSM}; recorded as
 * {@code run("Adversarial Example (FGSM)", "classifier=/m.onnx epsilon=0.01 target=-1 normalization=none");} (the old key
 * {@code class=} is still read).
 */
public class FgsmPlugin implements PlugIn {

	static final String COMMAND = "Adversarial Example (FGSM)";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = FilterRun.ask(CommandSpecs.FGSM);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> {
			NetworkPictures.FgsmOutput out = NetworkPictures.fgsm(imp, v.text("classifier"), v.number("epsilon"), (int) v.number("target"), v.text("normalization"),
					new sc.fiji.convnet.ij.IJProgress(COMMAND));
			sc.fiji.convnet.ij.ResultWindows.show(out.perturbation());
			out.probabilities().show("FGSM probabilities");
			return out.adversarial();
		});
	}
}
