package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Batch Segment Nuclei: a folder in, label TIFFs, ROI zips and one table out. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Batch Segment Nuclei", headless = true)
public class BatchSegmentNucleiCommand implements Command {

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input_directory;

	@Parameter(label = "File filter", description = "e.g. *.tif; empty for every file")
	private String file_filter = "*";

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output_directory;

	@Parameter(label = "Model (name or path)")
	private String model = ConvNet.DEFAULT_SEGMENTATION_MODEL;

	@Parameter(label = "Channel with nuclei", min = "1")
	private int channel = 1;

	@Parameter(label = "Threshold (probability)", min = "0.01", max = "0.99")
	private double threshold = NucleiSegmenter.DEFAULT_THRESHOLD;

	@Parameter(label = "Diameter of nuclei (0 = automatic)", min = "0")
	private double diameter = 0;

	@Parameter(label = "Overwrite existing outputs")
	private boolean overwrite = false;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		SegmentSettings s = new SegmentSettings();
		s.model = model; s.channel = channel; s.threshold = threshold; s.diameter = diameter;
		try {
			sc.fiji.convnet.ij.FolderRunner.Report report = ConvNet.segmentFolder(input_directory, output_directory, file_filter, s.segmenter(), channel,
					overwrite, log::info, new IJProgress("Batch Segment Nuclei"));
			log.info("Batch Segment Nuclei: " + report);
		} catch (Exception e) {
			log.error("Batch Segment Nuclei: " + e.getMessage());
		}
	}
}
