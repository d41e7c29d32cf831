package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.SaliencyImages;

/** ImageJ 1.x entry for feature maps, recorded as {@code run("Feature Maps", "network=/m.onnx layer=relu2 normalization=none");}. */
public class FeatureMapsPlugin implements PlugIn {

	static final String COMMAND = "Feature Maps";
	private static String model = "", layer = "", normalization = SaliencyImages.NORMALIZE_NONE;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Network", model, 40);
		gd.addStringField("Layer", layer, 16);
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		layer = gd.getNextString();
		normalization = gd.getNextChoice();
		FilterRun.show(COMMAND, imp, () -> {
			try {
				return ConvNet.featureMaps(imp, model, layer, normalization);
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e);
			}
		});
	}
}
