package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.model.ModelTask;

/** Plugins › ConvNet › Classify: top-k classes of the image, of each ROI, or of every sliding window (§10.1, §10.2.8). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Classify", headless = true)
public class ClassifyCommand implements Command {

	public static final String WHOLE = "whole image", ROIS = "each ROI", WINDOWS = "sliding window (class map)";

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Classifier (model name, or path to a .net, .onnx, model folder or bioimageio.yaml)")
	private String model = ModelTask.CLASSIFICATION.defaultModel();

	@Parameter(label = "Classify", choices = { WHOLE, ROIS, WINDOWS })
	private String mode = WHOLE;

	@Parameter(label = "Top k", min = "1")
	private int k = 3;

	@Parameter(label = "Window (px)", min = "1")
	private int window = 64;

	@Parameter(label = "Stride (px)", min = "1")
	private int stride = 32;

	@Parameter(label = "Normalization", choices = { ImageClassification.NORMALIZE_DIVIDE_255, "none", "0-1", "zero mean, unit variance" })
	private String normalization = ImageClassification.NORMALIZE_DIVIDE_255;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable results;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus classMap;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			if (WINDOWS.equals(mode)) {
				ImageClassification.ClassMap m = ImageClassification.slidingWindow(image, model, window, stride, normalization);
				results = m.table();
				classMap = m.map();
			} else if (ROIS.equals(mode)) results = ImageClassification.rois(image, model, k, normalization);
			else results = ImageClassification.image(image, model, k, normalization);
		} catch (Exception e) {
			log.error("Classify: " + (image == null ? "" : image.getTitle() + ": ") + e.getMessage());
		}
	}
}
