package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.LayerLists;
import sc.fiji.convnet.ij.SaliencyImages;
import sc.fiji.convnet.model.ModelTask;

/** Plugins › ConvNet › Explain › Top Patches: the image patches that most activate a channel (Fig. 10.13). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Top Patches", description = "The patches of a folder's images that most activate a channel of a layer",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Top Patches", weight = 9) }, headless = true)
public class TopPatchesCommand extends ImageResultCommand {

	@Parameter(label = "Folder of images", style = "directory")
	private File folder;

	@Parameter(label = "Network (model name, or path to an engine network, .onnx or model folder)", initializer = "listModels", callback = "pickModelFile",
			persist = false)
	private String network = ModelTask.CLASSIFICATION.defaultModel();

	@Parameter(label = "Layer", initializer = "listLayers", persist = false, required = false)
	private String layer = "";

	@Parameter(label = "Channel", min = "0")
	private int channel = 0;

	@Parameter(label = "How many patches", min = "1")
	private int patches = 9;

	@Parameter(label = "Patch size (0: receptive field)", min = "0")
	private int size = 0;

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_NONE;

	@Override
	ImagePlus make() throws Exception {
		return ConvNet.topPatches(folder.getPath(), model(network), LayerLists.value(layer), channel, patches, size, normalization, new IJProgress(label()));
	}

	@Override
	String failure(Exception e) {
		return folder + ": " + e.getMessage();
	}
}
