package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.explain.StyleTransfer;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.LayerLists;
import sc.fiji.convnet.ij.SaliencyImages;
import sc.fiji.convnet.model.ModelTask;

/** Plugins › ConvNet › Explain › Style Transfer: content of one image in the style of another (eqs. 10.13–10.17). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Style Transfer", description = "The image repainted in the style of another image",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Style Transfer", weight = 10) }, headless = true)
public class StyleTransferCommand extends ImageResultCommand {

	@Parameter(label = "Content image")
	private ImagePlus image;

	@Parameter(label = "Style image")
	private ImagePlus style;

	@Parameter(label = "Network (model name, or path to an engine network, .onnx or model folder)", initializer = "listModels", callback = "pickModelFile",
			persist = false)
	private String network = ModelTask.CLASSIFICATION.defaultModel();

	@Parameter(label = "Content layer", initializer = "listLayers", persist = false, required = false)
	private String content = "";

	@Parameter(label = "Style layers (name:weight, …)")
	private String gram;

	@Parameter(label = "Content weight (alpha)")
	private double alpha = StyleTransfer.DEFAULT_ALPHA;

	@Parameter(label = "Style weight (beta)")
	private double beta = StyleTransfer.DEFAULT_BETA;

	@Parameter(label = "Smoothness (gamma)")
	private double smoothness = StyleTransfer.DEFAULT_SMOOTHNESS;

	@Parameter(label = "Iterations", min = "1")
	private int iterations = StyleTransfer.DEFAULT_ITERATIONS;

	@Parameter(label = "Learning rate (Adam)")
	private double learning = StyleTransfer.DEFAULT_LEARNING_RATE;

	@Parameter(label = "Start from noise")
	private boolean start = false;

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_UNIT;

	@Override
	ImagePlus make() throws Exception {
		return ConvNet.styleTransfer(image, style, model(network), LayerLists.value(content), gram, alpha, beta, smoothness, iterations, learning, start, normalization,
				new IJProgress(label()));
	}

	@Override
	String failure(Exception e) {
		return image.getTitle() + ": " + e.getMessage();
	}
}
