package sc.fiji.convnet.commands;

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

/** Plugins › ConvNet › Explain › DeepDream: gradient ascent on Σ a² of a layer (eq. 10.12). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>DeepDream", description = "Enhances what a layer responds to by gradient ascent on the image",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "DeepDream", weight = 7) }, headless = true)
public class DeepDreamCommand extends ImageFilterCommand {

	@Parameter(label = "Network (model name, or path to an engine network, .onnx or model folder)", initializer = "listModels", callback = "pickModelFile",
			persist = false)
	private String network = ModelTask.CLASSIFICATION.defaultModel();

	@Parameter(label = "Layer", initializer = "listLayers", persist = false, required = false)
	private String layer = "";

	@Parameter(label = "Iterations per octave", min = "1")
	private int iterations = 20;

	@Parameter(label = "Step (image units)")
	private double step = 0.01;

	@Parameter(label = "Octaves", min = "1")
	private int octaves = 3;

	@Parameter(label = "Octave scale")
	private double octave = 1.4;

	@Parameter(label = "Gradient smoothing (sigma)", min = "0")
	private double smoothing = 0.5;

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_UNIT;

	@Override
	ImagePlus make() throws Exception {
		return ConvNet.deepDream(image, model(network), LayerLists.value(layer), iterations, step, octaves, octave, smoothing, normalization, new IJProgress(label()));
	}
}
