package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.detect.train.DetectorTrainer;
import sc.fiji.convnet.engine.optim.HoldOut;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.request.TrainDetectorRequest;

/**
 * Train Detector from ImageJ: gathers the annotated images the request names (images with Pascal VOC folders, or the
 * open images with rectangles named by class), holds some out for validation and trains. Menu command, macro,
 * Jython and command line all run this.
 */
public final class DetectorTrainingRun {

	private DetectorTrainingRun() {}

	public static TrainingSummary run(TrainDetectorRequest r, PrintStream log, TrainingLoop.Monitor monitor) throws IOException {
		r.checkFolders();
		Consumer<String> note = line -> log.println("train-detector: " + line);
		List<DetectionSample> annotated = r.images().isEmpty() ? RoiBoxes.openImages("the objects with rectangles", note)
				: VocFolders.read(new File(r.images()), new File(r.annotations()), note);
		List<DetectionSample> given = r.valimages().isEmpty() ? null : VocFolders.read(new File(r.valimages()), new File(r.valannotations()), note);
		List<List<DetectionSample>> split = HoldOut.split(annotated, given, r.holdout(), r.seed());
		return DetectorTrainer.train(r.job(), r.arch(), r.scale(), split.get(0), split.get(1), log, monitor);
	}
}
