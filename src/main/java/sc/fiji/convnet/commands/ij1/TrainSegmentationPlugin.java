package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.TrainingPlot;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.TrainSegmentationRequest;
import sc.fiji.convnet.request.Values;
import sc.fiji.convnet.segment.train.SegmentationTrainer;

/**
 * ImageJ 1.x entry for Train Segmentation Model, its dialog generated from {@link TrainSegmentationRequest#SPEC}; recorded as e.g.
 * {@code run("Train Segmentation Model", "images=/data/img labels=/data/lab holdout=0.2 channel=1 init=nuclei minutes=10 steps=0 augment name=my-nuclei seed=42");}
 */
public class TrainSegmentationPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		Values v = SpecDialog.show(CommandSpecs.TRAIN_SEGMENTATION);
		if (v == null) return;
		try {
			TrainSegmentationRequest r = TrainSegmentationRequest.from(v);
			SegmentationTrainer.Result result = ConvNet.trainSegmentation(r, IJ::log, new TrainingPlot("Train Segmentation Model", "val AP@0.5"));
			IJ.log("Train Segmentation Model: " + result);
			IJ.showStatus("Train Segmentation Model: " + r.modelName() + String.format(java.util.Locale.ROOT, " (val AP@0.5 %.3f)", result.bestAp()));
		} catch (Exception e) {
			ErrorReport.error("Train Segmentation Model", e.getMessage());
		}
	}
}
