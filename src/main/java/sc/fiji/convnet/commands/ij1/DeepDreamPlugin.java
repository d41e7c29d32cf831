package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for DeepDream, its dialog generated from {@link CommandSpecs#DEEP_DREAM}; recorded as
 * {@code run("DeepDream", "network=/m.onnx layer=[] iterations=20 step=0.01 octaves=3 octave=1.4 smoothing=0.5 normalization=0-1");}.
 */
public class DeepDreamPlugin implements PlugIn {

	static final String COMMAND = "DeepDream";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = FilterRun.ask(CommandSpecs.DEEP_DREAM);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> ConvNet.deepDream(imp, v.text("network"), v.text("layer"), (int) v.number("iterations"), v.number("step"),
				(int) v.number("octaves"), v.number("octave"), v.number("smoothing"), v.text("normalization"), new IJProgress(COMMAND)));
	}
}
