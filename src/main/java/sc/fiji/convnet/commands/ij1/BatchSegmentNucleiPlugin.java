package sc.fiji.convnet.commands.ij1;

import java.io.File;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.commands.SegmentSettings;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.IJProgress;

/**
 * ImageJ 1.x entry for Batch Segment Nuclei, recorded as e.g.
 * {@code run("Batch Segment Nuclei", "input=/data/in file=*.tif output=/data/out model=nuclei channel=1 ...");}
 */
public class BatchSegmentNucleiPlugin implements PlugIn {

	private static final SegmentSettings LAST = new SegmentSettings();
	private static String input = "", output = "", filter = "*";
	private static boolean overwrite = false;

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog("Batch Segment Nuclei");
		gd.addDirectoryField("Input folder", input, 30);
		gd.addStringField("File filter", filter, 12);
		gd.addDirectoryField("Output folder", output, 30);
		LAST.addTo(gd);
		gd.addCheckbox("Overwrite existing outputs", overwrite);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		input = gd.getNextString().trim();
		filter = gd.getNextString().trim();
		output = gd.getNextString().trim();
		try {
			LAST.readFrom(gd);
			overwrite = gd.getNextBoolean();
			if (input.isEmpty() || output.isEmpty()) throw new IllegalArgumentException("choose an input and an output folder");
			sc.fiji.convnet.ij.FolderRunner.Report report = ConvNet.segmentFolder(new File(input), new File(output), filter, LAST.segmenter(), LAST.channel,
					overwrite, IJ::log, new IJProgress("Batch Segment Nuclei"));
			IJ.log("Batch Segment Nuclei: " + report);
		} catch (Exception e) {
			ErrorReport.error("Batch Segment Nuclei", e.getMessage());
		}
	}
}
