package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.SaliencyImages;
import sc.fiji.convnet.model.ModelTask;

/** Plugins › ConvNet › Explain › Grad-CAM: which pixels made a classifier choose a class (§10.3.3). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Grad-CAM", headless = true)
public class GradCamCommand implements Command {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Classifier (model name, or path to an engine network, .onnx or model folder)")
	private String model = ModelTask.CLASSIFICATION.defaultModel();

	@Parameter(label = "Layer (empty: last convolution)", required = false)
	private String layer = "";

	@Parameter(label = "Class (-1: top class)", min = "-1")
	private int classIndex = -1;

	@Parameter(label = "Overlay opacity (0: none)", min = "0", max = "1", stepSize = "0.1")
	private double opacity = 0.5;

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_NONE;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus saliency;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			saliency = ConvNet.gradCam(image, model, layer, classIndex, opacity, normalization);
		} catch (Exception e) {
			log.error("Grad-CAM: " + (image == null ? "" : image.getTitle() + ": ") + e.getMessage());
		}
	}
}
