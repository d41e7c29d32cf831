package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.SegmentRequest;

/**
 * Plugins › ConvNet › Batch Segment Nuclei: a folder in, label TIFFs, ROI zips and one table out. Field names = macro
 * keys of {@link sc.fiji.convnet.request.CommandSpecs#BATCH_SEGMENT}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Batch Segment Nuclei", description = "Segments the nuclei of every image of a folder: labels, ROIs and measurements per image",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Batch Segment Nuclei", weight = 2) }, headless = true)
public class BatchSegmentNucleiCommand extends SegmentParameters {

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "File filter", description = "e.g. *.tif; empty for every file")
	private String file = "*";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Overwrite existing outputs")
	private boolean overwrite = false;

	@Override
	void execute() throws Exception {
		SegmentRequest request = request();
		sc.fiji.convnet.ij.FolderRunner.Report report = ConvNet.segmentFolder(input, output, file, request.segmenter(), request.channel(), overwrite, log()::info,
				new IJProgress(label()));
		log().info(label() + ": " + report);
	}
}
