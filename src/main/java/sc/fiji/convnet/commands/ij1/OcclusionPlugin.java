package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for occlusion sensitivity, its dialog generated from {@link CommandSpecs#OCCLUSION}; recorded as
 * {@code run("Occlusion Sensitivity", "classifier=/m.onnx patch=16 stride=8 batch=16 baseline=NaN target=-1 softmax opacity=0.5 normalization=none");}
 * (the old key {@code class=} is still read).
 */
public class OcclusionPlugin implements PlugIn {

	static final String COMMAND = "Occlusion Sensitivity";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = FilterRun.ask(CommandSpecs.OCCLUSION);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> {
			ImagePlus map = ConvNet.occlusion(imp, v.text("classifier"), (int) v.number("patch"), (int) v.number("stride"), (int) v.number("batch"),
					v.number("baseline"), (int) v.number("target"), v.flag("softmax"), v.number("opacity"), v.text("normalization"), new IJProgress(COMMAND));
			imp.updateAndDraw();
			return map;
		});
	}
}
