package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.TrainingPlot;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.TrainDetectorRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Train Detector, its dialog generated from {@link TrainDetectorRequest#SPEC}; recorded as e.g.
 * {@code run("Train Detector", "holdout=0.2 init=bccd-detector arch=centre scale=0 minutes=10 steps=0 name=my-detector seed=42");}
 */
public class TrainDetectorPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		Values v = SpecDialog.show(CommandSpecs.TRAIN_DETECTOR);
		if (v == null) return;
		String command = CommandSpecs.TRAIN_DETECTOR.command();
		try {
			TrainDetectorRequest r = TrainDetectorRequest.from(v);
			TrainingSummary result = ConvNet.trainDetector(r, IJ::log, new TrainingPlot(command, "val mAP@0.5"));
			TrainingReport.show(command, r.modelName(), result);
		} catch (Exception e) {
			ErrorReport.error(command, e.getMessage());
		}
	}
}
