package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SegmentationDisplay;
import sc.fiji.convnet.ij.SegmentationOutput;

/** Plugins › ConvNet › Segment Nuclei: labels, outlines, ROI Manager entries and a table for one image. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Segment Nuclei", headless = true)
public class SegmentNucleiCommand implements Command {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Model (name or path)")
	private String model = ConvNet.DEFAULT_SEGMENTATION_MODEL;

	@Parameter(label = "Channel with nuclei", min = "1")
	private int channel = 1;

	@Parameter(label = "Threshold (probability)", min = "0.01", max = "0.99", stepSize = "0.05")
	private double threshold = NucleiSegmenter.DEFAULT_THRESHOLD;

	@Parameter(label = "Seed threshold", min = "0.01", max = "0.99", stepSize = "0.05")
	private double seedThreshold = NucleiSegmenter.DEFAULT_SEED_THRESHOLD;

	@Parameter(label = "Diameter of nuclei (0 = automatic)", min = "0")
	private double diameter = 0;

	@Parameter(label = "Minimum area (pixels)", min = "0")
	private int minArea = NucleiSegmenter.DEFAULT_MIN_AREA;

	@Parameter(label = "Tile size (pixels, 0 = automatic)", min = "0")
	private int tileSize = 0;

	@Parameter(label = "Views averaged (flips/rotations)", choices = { "1", "2", "4", "8" },
			description = "Test-time augmentation: the network's outputs averaged over this many flipped and rotated views")
	private String views = String.valueOf(NucleiSegmenter.DEFAULT_VIEWS);

	@Parameter(label = "Add ROIs to the ROI Manager")
	private boolean addToRoiManager = false;

	@Parameter(label = "Show the results table")
	private boolean showTable = true;

	@Parameter(label = "Show the probability maps")
	private boolean showProbabilities = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		SegmentSettings s = new SegmentSettings();
		s.model = model; s.channel = channel; s.threshold = threshold; s.seedThreshold = seedThreshold;
		s.diameter = diameter; s.minArea = minArea; s.tileSize = tileSize;
		s.views = Integer.parseInt(views);
		try {
			SegmentationOutput out = ConvNet.segment(image, s.segmenter(), channel, showProbabilities, new IJProgress("Segment Nuclei"));
			for (String warning : out.warnings()) log.warn("Segment Nuclei: " + warning);
			SegmentationDisplay.show(image, out, addToRoiManager, showTable, false);
			labels = out.labels();
			ij.IJ.showStatus("Segment Nuclei: " + out.objectCount() + " nuclei in " + image.getTitle() + (out.diameterSummary().isEmpty() ? "" : " (" + out.diameterSummary() + ")"));
		} catch (Exception e) {
			log.error("Segment Nuclei: " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
		}
	}
}
