package sc.fiji.convnet.commands.ij1;

import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for the pointing game, its dialog generated from {@link CommandSpecs#EVALUATE_SALIENCY}; recorded as
 * {@code run("Evaluate Saliency", "annotations=/data/Annotations maps=/out target=WBC suffix=_saliency.tif tolerance=15");}
 * (the old keys {@code class=} and {@code label=} are still read).
 */
public class EvaluateSaliencyPlugin implements PlugIn {

	static final String COMMAND = "Evaluate Saliency";

	@Override
	public void run(String arg) {
		Values v = FilterRun.ask(CommandSpecs.EVALUATE_SALIENCY);
		if (v == null) return;
		try {
			ConvNet.evaluateSaliency(v.text("annotations"), v.text("maps"), v.text("target"), v.text("suffix"), v.number("tolerance")).show("Pointing game");
		} catch (Exception e) {
			ErrorReport.error(COMMAND, e.getMessage());
		}
	}
}
