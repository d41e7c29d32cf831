package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.detect.DetectionModels;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.ij.DetectionRun;

/** Plugins › ConvNet › Detect Objects: boxes in the overlay (coloured per class), a table of boxes and a count per class. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Detect Objects", headless = true)
public class DetectObjectsCommand implements Command {

	@Parameter
	private ImagePlus image;

	@Parameter(label = "Model (name or path)")
	private String model = DetectionModels.DEFAULT_MODEL;

	@Parameter(label = "Decoder", choices = { "from model", "grid", "centre", "n6", "boxes_scores" })
	private String decoder = "from model";

	@Parameter(label = "Scales", description = "e.g. 1 or 0.8,1,1.25: the model runs on rescaled copies and the boxes are mapped back")
	private String scales = "1";

	@Parameter(label = "Score threshold", min = "0", max = "1")
	private double score = 0.3;

	@Parameter(label = "IoU threshold (NMS)", min = "0", max = "1")
	private double iou = 0.45;

	@Parameter(label = "Class-agnostic suppression")
	private boolean class_agnostic = false;

	@Parameter(label = "Add to ROI Manager")
	private boolean add_to_manager = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable detections;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable counts;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			DetectionSettings s = new DetectionSettings(DetectionSettings.parseScales(scales), score, iou, class_agnostic);
			DetectionRun.Output out = DetectionRun.run(image, DetectionModels.load(model, decoder.equals("from model") ? null : decoder), s, true,
					add_to_manager);
			detections = out.table();
			counts = out.counts();
			if (!java.awt.GraphicsEnvironment.isHeadless()) {
				detections.show("Detections");
				counts.show("Detection counts");
			}
		} catch (Exception e) {
			log.error("Detect Objects: " + e.getMessage());
		}
	}
}
