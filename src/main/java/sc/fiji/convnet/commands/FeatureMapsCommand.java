package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ij.LayerLists;
import sc.fiji.convnet.ij.SaliencyImages;
import sc.fiji.convnet.model.ModelTask;

/** Plugins › ConvNet › Explain › Feature Maps: a layer's activations for the image, a slice per channel. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Feature Maps", description = "A layer's activations for the image, a slice per channel",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Feature Maps", weight = 5) }, headless = true)
public class FeatureMapsCommand extends ImageFilterCommand {

	@Parameter(label = "Network (model name, or path to an engine network, .onnx or model folder)", initializer = "listModels", callback = "pickModelFile",
			persist = false)
	private String network = ModelTask.CLASSIFICATION.defaultModel();

	@Parameter(label = "Layer", initializer = "listLayers", persist = false, required = false)
	private String layer = "";

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_NONE;

	@Override
	ImagePlus make() throws Exception {
		return sc.fiji.convnet.ij.NetworkPictures.featureMaps(image, model(network), LayerLists.value(layer), normalization, new sc.fiji.convnet.ij.IJProgress(label()));
	}
}
