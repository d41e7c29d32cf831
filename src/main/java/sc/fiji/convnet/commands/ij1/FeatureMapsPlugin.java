package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for feature maps, its dialog generated from {@link CommandSpecs#FEATURE_MAPS}; recorded as
 * {@code run("Feature Maps", "network=/m.onnx layer=relu2 normalization=none");}.
 */
public class FeatureMapsPlugin implements PlugIn {

	static final String COMMAND = "Feature Maps";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = FilterRun.ask(CommandSpecs.FEATURE_MAPS);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> sc.fiji.convnet.ij.NetworkPictures.featureMaps(imp, v.text("network"), v.text("layer"), v.text("normalization"),
				new sc.fiji.convnet.ij.IJProgress(COMMAND)));
	}
}
