package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.ij.EdgeOutput;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.ij.IJProgress;

/** ImageJ 1.x entry for Edge Filters, recorded as {@code run("Edge Filters", "output=magnitude");}. */
public class EdgeFiltersPlugin implements PlugIn {

	static final String COMMAND = "Edge Filters";
	private static String output = "magnitude";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addMessage("The 3×3 kernels of Bishop eqs. 10.3 (vertical edges) and 10.4 (horizontal edges);\n"
				+ "signed: rising edges are light, falling ones dark. 'all' gives the three as channels.");
		gd.addChoice("Output", FilterChoices.words(EdgeOutput.class), output);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		output = gd.getNextChoice();
		FilterRun.show(COMMAND, imp, () -> ConvNetFilters.edges(imp, output, new IJProgress(COMMAND)));
	}
}
