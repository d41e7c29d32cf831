package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import sc.fiji.convnet.commands.FilterMessages;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.request.ClassifyRequest;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Classify, its dialog generated from {@link CommandSpecs#CLASSIFY}; recorded as
 * {@code run("Classify", "classifier=bccd-classifier classify=[each ROI] top=3 window=64 stride=32 normalization=value/255");}.
 * Class names come from the model's description (config: convnet: classes).
 */
public class ClassifyPlugin implements PlugIn {

	static final String COMMAND = "Classify";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = SpecDialog.show(CommandSpecs.CLASSIFY);
		if (v == null) return;
		try {
			ClassifyRequest r = ClassifyRequest.from(v);
			ImageClassification.Result result = ImageClassification.run(imp, r, new sc.fiji.convnet.ij.IJProgress(COMMAND));
			if (result.map() != null) sc.fiji.convnet.ij.ResultWindows.show(result.map());
			ResultsTable t = result.table();
			t.show("Classification of " + imp.getTitle());
		} catch (sc.fiji.convnet.predict.CancelledException e) {
			ij.IJ.showStatus(COMMAND + ": cancelled");
		} catch (Exception e) {
			ErrorReport.error(COMMAND, FilterMessages.of(COMMAND, imp, e));
		}
	}
}
