package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.ImageSaliency;
import sc.fiji.convnet.ij.LayerLists;
import sc.fiji.convnet.request.Normalization;
import sc.fiji.convnet.request.SaliencyRequest;

/**
 * Plugins › ConvNet › Explain › Grad-CAM: which pixels made a classifier choose a class (§10.3.3). Field names = macro
 * keys of {@link SaliencyRequest#SPEC}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Grad-CAM", description = "Which pixels made a classifier choose a class: a heat map over the image",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Grad-CAM", weight = 1) }, headless = true)
public class GradCamCommand extends LoggedCommand {

	private static final SaliencyRequest DEFAULTS = SaliencyRequest.defaults();

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Classifier (model name, or path to an engine network, .onnx or model folder)", initializer = "listModels",
			callback = "pickModelFile", persist = false)
	private String classifier = DEFAULTS.classifier();

	@Parameter(label = "Layer", initializer = "listLayers", persist = false, required = false)
	private String layer = DEFAULTS.layer();

	@Parameter(label = "Target class (index or name; -1 = top)")
	private String target = DEFAULTS.target();

	@Parameter(label = "Opacity of the overlay (0 = none)", min = "0", max = "1", stepSize = "0.1")
	private double opacity = DEFAULTS.opacity();

	@Parameter(label = "Normalization", choices = { Normalization.NONE, Normalization.UNIT, Normalization.ZSCORE })
	private String normalization = DEFAULTS.normalization();

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus saliency;

	@Override
	void execute() throws Exception {
		SaliencyRequest r = new SaliencyRequest(model(classifier), LayerLists.value(layer), target, opacity, normalization);
		saliency = ImageSaliency.gradCam(image, r.classifier(), r.layer(), r.classIndex(), r.opacity(), r.normalization(), new IJProgress(label()));
	}

	@Override
	String failure(Exception e) {
		return (image == null ? "" : image.getTitle() + ": ") + e.getMessage();
	}
}
