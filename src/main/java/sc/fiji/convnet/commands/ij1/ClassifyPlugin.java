package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import sc.fiji.convnet.model.ModelTask;
import sc.fiji.convnet.commands.FilterMessages;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.commands.ClassifyCommand;
import sc.fiji.convnet.ij.ImageClassification;

/**
 * ImageJ 1.x entry for Classify, recorded as
 * {@code run("Classify", "classifier=bccd-classifier classify=[each ROI] top=3 window=64 stride=32 normalization=value/255");}.
 */
public class ClassifyPlugin implements PlugIn {

	static final String COMMAND = "Classify";
	private static final String[] MODES = { ClassifyCommand.WHOLE, ClassifyCommand.ROIS, ClassifyCommand.WINDOWS };
	private static String model = ModelTask.CLASSIFICATION.defaultModel(), mode = ClassifyCommand.WHOLE, normalization = ImageClassification.NORMALIZE_DIVIDE_255;
	private static int k = 3, window = 64, stride = 32;

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addFileField("Classifier", model, 40);
		gd.addChoice("Classify", MODES, mode);
		gd.addNumericField("Top k", k, 0);
		gd.addNumericField("Window", window, 0, 6, "px");
		gd.addNumericField("Stride", stride, 0, 6, "px");
		gd.addChoice("Normalization", ImageClassification.NORMALIZATIONS, normalization);
		gd.addMessage("Class names come from the model's description (config: convnet: classes).");
		gd.addHelp(FilterRun.HELP);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		model = gd.getNextString();
		mode = gd.getNextChoice();
		k = (int) gd.getNextNumber();
		window = (int) gd.getNextNumber();
		stride = (int) gd.getNextNumber();
		normalization = gd.getNextChoice();
		try {
			if (gd.invalidNumber() || k < 1 || window < 1 || stride < 1) throw new IllegalArgumentException("top k, window and stride must be positive numbers");
			ResultsTable t;
			if (ClassifyCommand.WINDOWS.equals(mode)) {
				ImageClassification.ClassMap m = ImageClassification.slidingWindow(imp, model, window, stride, normalization);
				t = m.table();
				m.map().show();
			} else if (ClassifyCommand.ROIS.equals(mode)) t = ImageClassification.rois(imp, model, k, normalization);
			else t = ImageClassification.image(imp, model, k, normalization);
			t.show("Classification of " + imp.getTitle());
		} catch (Exception e) {
			ErrorReport.error(COMMAND, FilterMessages.of(COMMAND, imp, e));
		}
	}
}
