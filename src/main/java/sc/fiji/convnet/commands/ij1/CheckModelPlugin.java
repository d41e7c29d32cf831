package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;

/**
 * ImageJ 1.x entry for Check Model, recorded as {@code run("Check Model", "model=nuclei");}: the report goes to the
 * Log window (standard output in batch mode).
 */
public class CheckModelPlugin implements PlugIn {

	static final String COMMAND = "Check Model";
	private static String model = sc.fiji.convnet.model.ModelTask.SEGMENTATION.defaultModel();

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addStringField("Model (name or path)", model, 40);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		IJ.log(ConvNet.checkModel(model).text());
	}
}
