package sc.fiji.convnet.commands.ij1;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SaliencyImages;

/**
 * ImageJ 1.x entry for Top Patches (the patches of a folder's images that most activate one channel), recorded as
 * {@code run("Top Patches", "folder=/images network=/m.onnx layer=relu2 channel=0 patches=9 size=0 normalization=none");}.
 * It needs no open image: the images are the folder's {@code .tif, .png, .jpg} files; {@code size=0} takes the layer's
 * receptive field.
 */
public class TopPatchesPlugin implements PlugIn {

	static final String COMMAND = "Top Patches";
	private static String folder = "", model = "", layer = "", normalization = SaliencyImages.NORMALIZE_NONE;
	private static int channel = 0, k = 9, size = 0;

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addDirectoryField("Folder", folder, 40);
		gd.addFileField("Network", model, 40);
		gd.addStringField("Layer", layer, 16);
		gd.addNumericField("Channel", channel, 0);
		gd.addNumericField("Patches", k, 0);
		gd.addNumericField("Size (0: receptive field)", size, 0, 6, "px");
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		folder = gd.getNextString();
		model = gd.getNextString();
		layer = gd.getNextString();
		channel = (int) gd.getNextNumber();
		k = (int) gd.getNextNumber();
		size = (int) gd.getNextNumber();
		normalization = gd.getNextChoice();
		boolean invalid = gd.invalidNumber();
		FilterRun.show(COMMAND, null, () -> {
			if (invalid || channel < 0 || k < 1 || size < 0)
				throw new IllegalArgumentException("channel " + channel + ", patches " + k + ", size " + size + ": channel and size must be ≥ 0, patches ≥ 1");
			try {
				return ConvNet.topPatches(folder, model, layer, channel, k, size, normalization, new IJProgress(COMMAND));
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e); // the message alone, not "java.io.IOException: …"
			}
		});
	}
}
