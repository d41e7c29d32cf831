package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.request.ClassifyRequest;
import sc.fiji.convnet.request.Normalization;

/**
 * Plugins › ConvNet › Classify: top-k classes of the image, of each ROI, or of every sliding window (§10.1, §10.2.8).
 * Field names = macro keys of {@link ClassifyRequest#SPEC}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Classify", description = "Top classes of a classifier for the whole image, each ROI, or a sliding window (class map)",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Classify", weight = 7) }, headless = true)
public class ClassifyCommand extends LoggedCommand {

	public static final String WHOLE = ClassifyRequest.WHOLE, ROIS = ClassifyRequest.ROIS, WINDOWS = ClassifyRequest.WINDOWS;
	private static final ClassifyRequest DEFAULTS = ClassifyRequest.defaults();

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Classifier (model name, or path to a .net, .onnx, model folder or bioimageio.yaml)", initializer = "listModels",
			callback = "pickModelFile", persist = false)
	private String classifier = DEFAULTS.classifier();

	@Parameter(label = "Classify", choices = { WHOLE, ROIS, WINDOWS })
	private String classify = DEFAULTS.classify();

	@Parameter(label = "Top k", min = "1")
	private int top = DEFAULTS.top();

	@Parameter(label = "Window (px)", min = "1")
	private int window = DEFAULTS.window();

	@Parameter(label = "Stride (px)", min = "1")
	private int stride = DEFAULTS.stride();

	@Parameter(label = "Normalization", choices = { Normalization.DIVIDE_255, Normalization.NONE, Normalization.UNIT, Normalization.ZSCORE })
	private String normalization = DEFAULTS.normalization();

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable results;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus classMap;

	@Override
	void execute() throws Exception {
		ImageClassification.Result r = ImageClassification.run(image, new ClassifyRequest(model(classifier), classify, top, window, stride, normalization),
				new sc.fiji.convnet.ij.IJProgress(label()));
		results = r.table();
		classMap = sc.fiji.convnet.ij.ResultWindows.name(r.map());
	}

	@Override
	String failure(Exception e) {
		return (image == null ? "" : image.getTitle() + ": ") + e.getMessage();
	}
}
