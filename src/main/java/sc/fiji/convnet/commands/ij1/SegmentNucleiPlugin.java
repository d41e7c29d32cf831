package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SegmentationDisplay;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Segment Nuclei, its dialog generated from {@link CommandSpecs#SEGMENT}; recorded as e.g.
 * {@code run("Segment Nuclei", "model=nuclei channel=1 threshold=0.60 seed=0.70 diameter=0 minimum=20 maximum=0 tile=0 views=4 add display");}
 */
public class SegmentNucleiPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			ErrorReport.error("Segment Nuclei", "no image is open");
			return;
		}
		GenericDialog gd = new GenericDialog("Segment Nuclei");
		SpecDialog.add(gd, CommandSpecs.SEGMENT);
		gd.addHelp(CommandSpecs.SEGMENT.helpHtml());
		gd.showDialog();
		if (gd.wasCanceled()) return;
		try {
			Values v = SpecDialog.read(gd, CommandSpecs.SEGMENT);
			SegmentRequest request = SegmentRequest.from(v);
			SegmentationOutput out = ConvNet.segment(imp, request, v.flag("probability"), new IJProgress("Segment Nuclei"));
			SegmentationDisplay.show(imp, out, v.flag("add"), v.flag("display"));
			for (String warning : out.warnings()) IJ.log("Segment Nuclei: warning: " + warning);
			IJ.showStatus("Segment Nuclei: " + out.objectCount() + " nuclei in " + imp.getTitle() + (out.diameterSummary().isEmpty() ? "" : " (" + out.diameterSummary() + ")"));
		} catch (CancelledException e) {
			IJ.showStatus("Segment Nuclei: cancelled");
		} catch (Exception e) {
			ErrorReport.error("Segment Nuclei", imp.getTitle() + ": " + e.getMessage());
		}
	}
}
