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
import sc.fiji.convnet.request.TrainDetectorRequest;

/**
 * Plugins › ConvNet › Train Detector: a detector from rectangles named by class (overlay or ROI Manager) or from
 * Pascal VOC folders, with a live plot and Esc. Field names = macro keys of {@link TrainDetectorRequest#SPEC}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Train Detector", description = "Fine-tunes (or trains) a detector on your boxes named by class; the new model appears in every dialog",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Train Detector", weight = 6.5) }, headless = true)
public class TrainDetectorCommand extends LoggedCommand {

	private static final TrainDetectorRequest DEFAULTS = TrainDetectorRequest.defaults();

	@Parameter(label = "Images folder (empty: the open images and their ROIs)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File images;

	@Parameter(label = "Annotations folder (Pascal VOC XML, matched by name)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File annotations;

	@Parameter(label = "Validation images folder (optional)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File valimages;

	@Parameter(label = "Validation annotations folder", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File valannotations;

	@Parameter(label = "Holdout share of the images for validation", min = "0", max = "0.9")
	private double holdout = DEFAULTS.holdout();

	@Parameter(label = "Model to fine-tune (none = from scratch)")
	private String init = DEFAULTS.init();

	@Parameter(label = "Design of a new detector (init=none)", choices = { "centre", "grid" })
	private String arch = DEFAULTS.arch();

	@Parameter(label = "Scale of the images the network sees (0 = the model's)", min = "0")
	private double scale = DEFAULTS.scale();

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
		TrainDetectorRequest r = new TrainDetectorRequest(path(images), path(annotations), path(valimages), path(valannotations), holdout, init, arch,
				scale, minutes, steps, name, path(output), resume, seed);
		TrainingSummary result = ConvNet.trainDetector(r, log()::info, new TrainingPlot(label(), "val mAP@0.5"));
		log().info(label() + ": " + result);
	}

	static String path(File f) { return f == null ? "" : f.getPath(); }
}
