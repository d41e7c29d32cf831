package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.log.LogService;
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
public class BatchDetectObjectsCommand implements Command {

	private static final DetectRequest DEFAULTS = DetectRequest.defaults();

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "File filter", description = "e.g. *.jpg; empty for every file")
	private String file = "*";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Model (name or path)")
	private String model = DEFAULTS.model();

	@Parameter(label = "Decoder", choices = { DetectRequest.FROM_MODEL, "grid", "centre", "n6", "boxes_scores" })
	private String decoder = DEFAULTS.decoder();

	@Parameter(label = "Scales")
	private String scales = DEFAULTS.scales();

	@Parameter(label = "Score threshold", min = "0", max = "1")
	private double score = DEFAULTS.score();

	@Parameter(label = "IoU threshold (NMS)", min = "0", max = "1")
	private double iou = DEFAULTS.iou();

	@Parameter(label = "Agnostic suppression (across classes)")
	private boolean agnostic = DEFAULTS.agnostic();

	@Parameter(label = "Overwrite existing outputs")
	private boolean overwrite = false;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			DetectRequest request = new DetectRequest(model, decoder, scales, score, iou, agnostic);
			sc.fiji.convnet.ij.FolderRunner.Report r = BatchDetection.of(request, overwrite, log::info)
					.run(input, output, file, new IJProgress("Batch Detect Objects"));
			log.info("Batch Detect Objects: " + r);
		} catch (Exception e) {
			log.error("Batch Detect Objects: " + e.getMessage());
		}
	}
}
