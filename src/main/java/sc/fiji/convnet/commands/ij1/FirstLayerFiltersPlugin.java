package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;

/** ImageJ 1.x entry for the first layer's filters, recorded as {@code run("First Layer Filters", "network=/m.onnx columns=0 zoom=0");}. */
public class FirstLayerFiltersPlugin implements PlugIn {

	static final String COMMAND = "First Layer Filters";
	private static String model = "";
	private static int columns = 0, zoom = 0;

	@Override
	public void run(String arg) {
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Network", model, 40);
		gd.addNumericField("Columns (0 = automatic)", columns, 0);
		gd.addNumericField("Zoom (0 = automatic)", zoom, 0);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		columns = (int) gd.getNextNumber();
		zoom = (int) gd.getNextNumber();
		try {
			ConvNet.firstLayerFilters(model, columns, zoom).show();
		} catch (Exception e) {
			ErrorReport.error(COMMAND, model + ": " + e.getMessage());
			IJ.showStatus(COMMAND + ": failed");
		}
	}
}
