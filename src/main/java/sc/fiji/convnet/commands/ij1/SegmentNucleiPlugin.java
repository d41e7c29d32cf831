package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.WindowManager;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.commands.SegmentSettings;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SegmentationDisplay;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.predict.CancelledException;

/**
 * ImageJ 1.x entry for Segment Nuclei. The dialog is recorded by the macro recorder, e.g.
 * {@code run("Segment Nuclei", "model=nuclei channel=1 threshold=0.60 seed=0.70 diameter=0 minimum=20 maximum=0 tile=0 add display probability");}
 */
public class SegmentNucleiPlugin implements PlugIn {

	private static final SegmentSettings LAST = new SegmentSettings();
	private static boolean addToRoiManager = false, showTable = true, showProbabilities = false;

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			ErrorReport.error("Segment Nuclei", "no image is open");
			return;
		}
		GenericDialog gd = new GenericDialog("Segment Nuclei");
		LAST.addTo(gd);
		gd.addCheckbox("Add ROIs to the ROI Manager", addToRoiManager);
		gd.addCheckbox("Display results table", showTable);
		gd.addCheckbox("Probability maps", showProbabilities);
		gd.addHelp("https://imagej.net/plugins/convnet");
		gd.showDialog();
		if (gd.wasCanceled()) return;
		try {
			LAST.readFrom(gd);
			addToRoiManager = gd.getNextBoolean();
			showTable = gd.getNextBoolean();
			showProbabilities = gd.getNextBoolean();
			SegmentationOutput out = ConvNet.segment(imp, LAST.segmenter(), LAST.channel, showProbabilities, new IJProgress("Segment Nuclei"));
			SegmentationDisplay.show(imp, out, addToRoiManager, showTable);
			for (String warning : out.warnings()) IJ.log("Segment Nuclei: warning: " + warning);
			IJ.showStatus("Segment Nuclei: " + out.objectCount() + " nuclei in " + imp.getTitle() + (out.diameterSummary().isEmpty() ? "" : " (" + out.diameterSummary() + ")"));
		} catch (CancelledException e) {
			IJ.showStatus("Segment Nuclei: cancelled");
		} catch (Exception e) {
			ErrorReport.error("Segment Nuclei", imp.getTitle() + ": " + e.getMessage());
		}
	}
}
