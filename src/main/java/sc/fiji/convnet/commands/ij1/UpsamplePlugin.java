package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/** ImageJ 1.x entry for Up-sample, its dialog generated from {@link CommandSpecs#UPSAMPLE}; recorded as {@code run("Up-sample", "method=bilinear factor=2");}. */
public class UpsamplePlugin implements PlugIn {

	static final String COMMAND = "Up-sample";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = FilterRun.ask(CommandSpecs.UPSAMPLE);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> ConvNetFilters.upsample(imp, v.text("method"), (int) v.number("factor"), new IJProgress(COMMAND)));
	}
}
