package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.log.LogService;
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
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Batch Segment Nuclei", headless = true)
public class BatchSegmentNucleiCommand implements Command {

	private static final SegmentRequest DEFAULTS = SegmentRequest.defaults();

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "File filter", description = "e.g. *.tif; empty for every file")
	private String file = "*";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Model (name or path)")
	private String model = DEFAULTS.model();

	@Parameter(label = "Channel with nuclei", min = "1")
	private int channel = DEFAULTS.channel();

	@Parameter(label = "Threshold (probability)", min = "0.01", max = "0.99")
	private double threshold = DEFAULTS.threshold();

	@Parameter(label = "Seed threshold", min = "0.01", max = "0.99")
	private double seed = DEFAULTS.seed();

	@Parameter(label = "Diameter of nuclei (0 = automatic)", min = "0")
	private double diameter = DEFAULTS.diameter();

	@Parameter(label = "Minimum area (pixels)", min = "0")
	private int minimum = DEFAULTS.minimum();

	@Parameter(label = "Maximum area (pixels, 0 = none)", min = "0")
	private int maximum = DEFAULTS.maximum();

	@Parameter(label = "Tile size (pixels, 0 = automatic)", min = "0")
	private int tile = DEFAULTS.tile();

	@Parameter(label = "Views averaged (flips/rotations)", choices = { "1", "2", "4", "8" })
	private String views = String.valueOf(DEFAULTS.views());

	@Parameter(label = "Overwrite existing outputs")
	private boolean overwrite = false;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		try {
			SegmentRequest request = new SegmentRequest(model, channel, threshold, seed, diameter, minimum, maximum, tile, Integer.parseInt(views));
			BatchSegmentation.Report report = ConvNet.segmentFolder(input, output, file, request.segmenter(), request.channel(), overwrite, log::info,
					new IJProgress("Batch Segment Nuclei"));
			log.info("Batch Segment Nuclei: " + report);
		} catch (Exception e) {
			log.error("Batch Segment Nuclei: " + e.getMessage());
		}
	}
}
