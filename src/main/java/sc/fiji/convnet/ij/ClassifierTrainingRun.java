package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.engine.optim.HoldOut;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.explain.train.ClassifierTrainer;
import sc.fiji.convnet.request.TrainClassifierRequest;

/**
 * Train Classifier from ImageJ: gathers the labelled examples the request names (a folder with one subfolder of
 * images per class, or the open images with ROIs named by class), holds some out for validation and trains. Menu
 * command, macro, Jython and command line all run this.
 */
public final class ClassifierTrainingRun {

	private ClassifierTrainingRun() {}

	public static TrainingSummary run(TrainClassifierRequest r, PrintStream log, TrainingLoop.Monitor monitor) throws IOException {
		Consumer<String> note = line -> log.println("train-classifier: " + line);
		boolean fromRois = r.images().isEmpty();
		List<DetectionSample> annotated = fromRois ? RoiBoxes.openImages("examples of each class", note) : ClassFolders.read(new File(r.images()), note);
		List<DetectionSample> given = r.valimages().isEmpty() ? null : ClassFolders.read(new File(r.valimages()), note);
		List<List<DetectionSample>> split = HoldOut.split(annotated, given, r.holdout(), r.seed());
		return ClassifierTrainer.train(r.job(), r.background(), r.crop(), split.get(0), split.get(1), fromRois, log, monitor);
	}
}
