package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for the first layer's filters, its dialog generated from {@link CommandSpecs#FIRST_LAYER}; recorded as
 * {@code run("First Layer Filters", "network=/m.onnx columns=0 zoom=0");}.
 */
public class FirstLayerFiltersPlugin implements PlugIn {

	static final String COMMAND = "First Layer Filters";

	@Override
	public void run(String arg) {
		Values v = FilterRun.ask(CommandSpecs.FIRST_LAYER);
		if (v == null) return;
		String model = v.text("network");
		try {
			sc.fiji.convnet.ij.ResultWindows.show(ConvNet.firstLayerFilters(model, (int) v.number("columns"), (int) v.number("zoom")));
		} catch (Exception e) {
			ErrorReport.error(COMMAND, model + ": " + e.getMessage());
			IJ.showStatus(COMMAND + ": failed");
		}
	}
}
