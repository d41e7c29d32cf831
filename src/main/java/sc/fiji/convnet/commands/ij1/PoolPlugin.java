package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/** ImageJ 1.x entry for Pool, its dialog generated from {@link CommandSpecs#POOL}; recorded as {@code run("Pool", "method=max size=2 stride=2");}. */
public class PoolPlugin implements PlugIn {

	static final String COMMAND = "Pool";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = FilterRun.ask(CommandSpecs.POOL);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> ConvNetFilters.pool(imp, v.text("method"), (int) v.number("size"), (int) v.number("stride"), new IJProgress(COMMAND)));
	}
}
