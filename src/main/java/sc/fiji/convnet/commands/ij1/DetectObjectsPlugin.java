package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.detect.DetectionModels;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.ij.DetectionRun;
import sc.fiji.convnet.ij.ErrorReport;

/**
 * ImageJ 1.x entry for Detect Objects, recorded as e.g.
 * {@code run("Detect Objects", "model=bccd-detector decoder=[from model] scales=1 score=0.30 iou=0.45 add");}.
 * Boxes go to the overlay, tables "Detections" and "Detection counts".
 */
public class DetectObjectsPlugin implements PlugIn {

	static final String[] DECODERS = { "from model", "grid", "centre", "n6", "boxes_scores" };

	@Override
	public void run(String arg) {
		ImagePlus imp = IJ.getImage();
		if (imp == null) return;
		GenericDialog gd = new GenericDialog("Detect Objects");
		gd.addStringField("Model (name or path)", DetectionModels.DEFAULT_MODEL, 30);
		gd.addChoice("Decoder", DECODERS, DECODERS[0]);
		gd.addStringField("Scales", "1", 12);
		gd.addNumericField("Score threshold", 0.3, 2);
		gd.addNumericField("IoU threshold (NMS)", 0.45, 2);
		gd.addCheckbox("Class-agnostic suppression", false);
		gd.addCheckbox("Add to ROI Manager", false);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		String model = gd.getNextString().trim(), decoder = gd.getNextChoice(), scales = gd.getNextString();
		double score = gd.getNextNumber(), iou = gd.getNextNumber();
		boolean agnostic = gd.getNextBoolean(), add = gd.getNextBoolean();
		try {
			DetectionSettings s = new DetectionSettings(DetectionSettings.parseScales(scales), score, iou, agnostic);
			Detector detector = DetectionModels.load(model, decoder.equals(DECODERS[0]) ? null : decoder);
			DetectionRun.Output out = DetectionRun.run(imp, detector, s, true, add);
			out.table().show("Detections");
			out.counts().show("Detection counts");
			IJ.showStatus("Detect Objects: " + out.boxes().size() + " objects");
		} catch (Exception e) {
			ErrorReport.error("Detect Objects", e.getMessage());
		}
	}
}
