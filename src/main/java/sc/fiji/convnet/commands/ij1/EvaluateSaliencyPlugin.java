package sc.fiji.convnet.commands.ij1;

import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;

/**
 * ImageJ 1.x entry for the pointing game, recorded as
 * {@code run("Evaluate Saliency", "annotations=/data/Annotations maps=/out target=WBC suffix=_saliency.tif tolerance=15");}.
 */
public class EvaluateSaliencyPlugin implements PlugIn {

	static final String COMMAND = "Evaluate Saliency";
	private static String annotations = "", maps = "", label = "WBC", suffix = "_saliency.tif";
	private static double tolerance = 15;

	@Override
	public void run(String arg) {
		SpecDialog.acceptAliases(sc.fiji.convnet.request.CommandSpecs.EVALUATE_SALIENCY); // the old macro key class= is still read
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addDirectoryField("Annotations", annotations, 40);
		gd.addDirectoryField("Maps", maps, 40);
		gd.addStringField("Target class (name)", label, 12);
		gd.addStringField("Suffix", suffix, 16);
		gd.addNumericField("Tolerance", tolerance, 1, 6, "pixels");
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		annotations = gd.getNextString();
		maps = gd.getNextString();
		label = gd.getNextString();
		suffix = gd.getNextString();
		tolerance = gd.getNextNumber();
		try {
			ResultsTable t = ConvNet.evaluateSaliency(annotations, maps, label, suffix, tolerance);
			t.show("Pointing game");
		} catch (Exception e) {
			ErrorReport.error(COMMAND, e.getMessage());
		}
	}
}
