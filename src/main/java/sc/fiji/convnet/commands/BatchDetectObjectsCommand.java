package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.convnet.detect.DetectionModels;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Batch Detect Objects: a folder in, {@code <image>_boxes.csv} per image and {@code counts.csv} out. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Batch Detect Objects", headless = true)
public class BatchDetectObjectsCommand implements Command {

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input_directory;

	@Parameter(label = "File filter", description = "e.g. *.jpg; empty for every file")
	private String file_filter = "*";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output_directory;

	@Parameter(label = "Model (name or path)")
	private String model = DetectionModels.DEFAULT_MODEL;

	@Parameter(label = "Scales")
	private String scales = "1";

	@Parameter(label = "Score threshold", min = "0", max = "1")
	private double score = 0.3;

	@Parameter(label = "IoU threshold (NMS)", min = "0", max = "1")
	private double iou = 0.45;

	@Parameter(label = "Overwrite existing outputs")
	private boolean overwrite = false;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			DetectionSettings s = new DetectionSettings(DetectionSettings.parseScales(scales), score, iou, false);
			sc.fiji.convnet.ij.FolderRunner.Report r = BatchDetection.of(model, null, s, overwrite, log::info)
					.run(input_directory, output_directory, file_filter, new IJProgress("Batch Detect Objects"));
			log.info("Batch Detect Objects: " + r);
		} catch (Exception e) {
			log.error("Batch Detect Objects: " + e.getMessage());
		}
	}
}
