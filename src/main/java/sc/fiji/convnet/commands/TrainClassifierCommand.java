package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.ij.TrainingPlot;
import sc.fiji.convnet.request.TrainClassifierRequest;

/**
 * Plugins › ConvNet › Train Classifier: a classifier from ROIs grouped by name (overlay or ROI Manager) or from a folder
 * with one subfolder per class, with a live plot and Esc. Field names = macro keys of {@link TrainClassifierRequest#SPEC}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Train Classifier", description = "Fine-tunes (or trains) a classifier on your examples of each class; the new model appears in every dialog",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Train Classifier", weight = 7.5) }, headless = true)
public class TrainClassifierCommand extends LoggedCommand {

	private static final TrainClassifierRequest DEFAULTS = TrainClassifierRequest.defaults();

	@Parameter(label = "Images folder (one subfolder per class; empty: the open images and their ROIs)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File images;

	@Parameter(label = "Validation images folder (optional)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File valimages;

	@Parameter(label = "Holdout share of the images for validation", min = "0", max = "0.9")
	private double holdout = DEFAULTS.holdout();

	@Parameter(label = "Model to fine-tune (none = from scratch)")
	private String init = DEFAULTS.init();

	@Parameter(label = "Background class from places without ROIs (ROIs only)")
	private boolean background = DEFAULTS.background();

	@Parameter(label = "Crop edge in pixels (a multiple of 8)", min = "8", stepSize = "8")
	private int crop = DEFAULTS.crop();

	@Parameter(label = "Minutes of training", min = "0")
	private double minutes = DEFAULTS.minutes();

	@Parameter(label = "Steps (0 = as many as fit in the minutes)", min = "0")
	private int steps = DEFAULTS.steps();

	@Parameter(label = "Name of the new model")
	private String name = DEFAULTS.name();

	@Parameter(label = "Output model folder (empty: the installed models folder)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File output;

	@Parameter(label = "Resume an interrupted training")
	private boolean resume = DEFAULTS.resume();

	@Parameter(label = "Seed of the random crops")
	private int seed = DEFAULTS.seed();

	@Override
	void execute() throws Exception {
		TrainClassifierRequest r = new TrainClassifierRequest(TrainDetectorCommand.path(images), TrainDetectorCommand.path(valimages), holdout, init,
				background, crop, minutes, steps, name, TrainDetectorCommand.path(output), resume, seed);
		TrainingSummary result = ConvNet.trainClassifier(r, log()::info, new TrainingPlot(label(), "balanced val crop accuracy"));
		log().info(label() + ": " + result);
	}
}
