package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.DetectRequest;

/**
 * Plugins › ConvNet › Batch Detect Objects: a folder in, {@code <image>_boxes.csv} per image and {@code counts.csv} out.
 * Field names = macro keys of {@link sc.fiji.convnet.request.CommandSpecs#BATCH_DETECT}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Batch Detect Objects", description = "Detects the objects of every image of a folder: a box CSV per image and a table of counts",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Batch Detect Objects", weight = 5) }, headless = true)
public class BatchDetectObjectsCommand extends DetectParameters {

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "File filter", description = "e.g. *.jpg; empty for every file")
	private String file = "*";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Overwrite existing outputs")
	private boolean overwrite = false;

	@Override
	void execute() throws Exception {
		sc.fiji.convnet.ij.FolderRunner.Report r = BatchDetection.of(request(), overwrite, log()::info).run(input, output, file, new IJProgress(label()));
		log().info(label() + ": " + r);
	}
}
