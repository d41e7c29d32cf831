package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SegmentationDisplay;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.request.SegmentRequest;

/**
 * Plugins › ConvNet › Segment Nuclei: labels, outlines, ROI Manager entries and a table for one image. The field names
 * are the macro keys of {@link sc.fiji.convnet.request.CommandSpecs#SEGMENT} (imagej-legacy fills fields from a macro
 * by name), the defaults those of {@link SegmentRequest}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Segment Nuclei", description = "Nuclei of the current image: label image, outlines, ROIs and a table per nucleus",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Segment Nuclei", weight = 1) }, headless = true)
public class SegmentNucleiCommand extends SegmentParameters {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Add ROIs to the ROI Manager")
	private boolean add = false;

	@Parameter(label = "Display results table")
	private boolean display = true;

	@Parameter(label = "Probability maps")
	private boolean probability = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Override
	void execute() throws Exception {
		SegmentRequest request = request();
		SegmentationOutput out = ConvNet.segment(image, request, probability, new IJProgress(label()));
		for (String warning : out.warnings()) log().warn(label() + ": " + warning);
		SegmentationDisplay.show(image, out, add, display, false);
		labels = sc.fiji.convnet.ij.ResultWindows.name(out.labels());
		ij.IJ.showStatus(label() + ": " + out.objectCount() + " nuclei in " + image.getTitle() + (out.diameterSummary().isEmpty() ? "" : " (" + out.diameterSummary() + ")"));
	}

	/** Unlike the other commands, a failure keeps its stack trace in the log (and a cancel is an error too). */
	@Override
	public void run() {
		try {
			execute();
		} catch (Exception e) {
			log().error(label() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
		}
	}
}
