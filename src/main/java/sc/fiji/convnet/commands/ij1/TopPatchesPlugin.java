package sc.fiji.convnet.commands.ij1;

import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Top Patches (the patches of a folder's images that most activate one channel), its dialog
 * generated from {@link CommandSpecs#TOP_PATCHES}; recorded as
 * {@code run("Top Patches", "folder=/images network=/m.onnx layer=relu2 channel=0 patches=9 size=0 normalization=none");}.
 * It needs no open image: the images are the folder's {@code .tif, .png, .jpg} files; {@code size=0} takes the layer's
 * receptive field.
 */
public class TopPatchesPlugin implements PlugIn {

	static final String COMMAND = "Top Patches";

	@Override
	public void run(String arg) {
		Values v = FilterRun.ask(CommandSpecs.TOP_PATCHES);
		if (v == null) return;
		int channel = (int) v.number("channel"), k = (int) v.number("patches"), size = (int) v.number("size");
		FilterRun.show(COMMAND, null, () -> {
			if (channel < 0 || k < 1 || size < 0)
				throw new IllegalArgumentException("channel " + channel + ", patches " + k + ", size " + size + ": channel and size must be ≥ 0, patches ≥ 1");
			return ConvNet.topPatches(v.text("folder"), v.text("network"), v.text("layer"), channel, k, size, v.text("normalization"), new IJProgress(COMMAND));
		});
	}
}
