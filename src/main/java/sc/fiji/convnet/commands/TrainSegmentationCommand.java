package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.TrainingPlot;
import sc.fiji.convnet.request.TrainSegmentationRequest;
import sc.fiji.convnet.segment.train.SegmentationTrainer;

/**
 * Plugins › ConvNet › Train Segmentation Model: a nuclei model from the user's annotations (folders, or the open images
 * with their ROIs), with a live plot and Esc. Field names = macro keys of {@link TrainSegmentationRequest#SPEC}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Train Segmentation Model", description = "Fine-tunes (or trains) a nuclei model on your annotated images; the new model appears in every dialog",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Train Segmentation Model", weight = 3.5) }, headless = true)
public class TrainSegmentationCommand extends LoggedCommand {

	@Parameter(label = "Images folder (empty: the open images and their ROIs)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File images;

	@Parameter(label = "Labels folder (label images, matched by name)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File labels;

	@Parameter(label = "Validation images folder (optional)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File valimages;

	@Parameter(label = "Validation labels folder", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File vallabels;

	@Parameter(label = "Holdout share of the images for validation", min = "0", max = "0.9")
	private double holdout = 0.2;

	@Parameter(label = "Channel with nuclei", min = "1")
	private int channel = 1;

	@Parameter(label = "Model to fine-tune (none = from scratch)")
	private String init = sc.fiji.convnet.model.ModelTask.SEGMENTATION.defaultModel();

	@Parameter(label = "Minutes of training", min = "0")
	private double minutes = 10;

	@Parameter(label = "Steps (0 = as many as fit in the minutes)", min = "0")
	private int steps = 0;

	@Parameter(label = "Augment (flips, rotations, coarser pixels, blur, intensity)")
	private boolean augment = true;

	@Parameter(label = "Name of the new model")
	private String name = "my-nuclei";

	@Parameter(label = "Output model folder (empty: the installed models folder)", style = FileWidget.DIRECTORY_STYLE, required = false)
	private File output;

	@Parameter(label = "Resume an interrupted training")
	private boolean resume = false;

	@Parameter(label = "Seed of the random crops")
	private int seed = 42;

	@Override
	void execute() throws Exception {
		TrainSegmentationRequest r = new TrainSegmentationRequest(path(images), path(labels), path(valimages), path(vallabels), holdout, channel, init,
				minutes, steps, augment, name, path(output), resume, seed);
		SegmentationTrainer.Result result = ConvNet.trainSegmentation(r, log()::info, new TrainingPlot(label(), "val AP@0.5"));
		log().info(label() + ": " + result);
	}

	private static String path(File f) { return f == null ? "" : f.getPath(); }
}
