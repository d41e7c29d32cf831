package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.TrainingPlot;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.TrainClassifierRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Train Classifier, its dialog generated from {@link TrainClassifierRequest#SPEC}; recorded as e.g.
 * {@code run("Train Classifier", "holdout=0.2 init=bccd-classifier background crop=64 minutes=10 steps=0 name=my-classifier seed=42");}
 */
public class TrainClassifierPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		Values v = SpecDialog.show(CommandSpecs.TRAIN_CLASSIFIER);
		if (v == null) return;
		String command = CommandSpecs.TRAIN_CLASSIFIER.command();
		try {
			TrainClassifierRequest r = TrainClassifierRequest.from(v);
			TrainingSummary result = ConvNet.trainClassifier(r, IJ::log, new TrainingPlot(command, "balanced val crop accuracy"));
			TrainingReport.show(command, r.modelName(), result);
		} catch (Exception e) {
			ErrorReport.error(command, e.getMessage());
		}
	}
}
