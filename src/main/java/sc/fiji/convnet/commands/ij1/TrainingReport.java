package sc.fiji.convnet.commands.ij1;

import java.util.Locale;

import ij.IJ;
import sc.fiji.convnet.engine.optim.TrainingSummary;

/** The end of a training command in ImageJ: the summary in the Log, the new model's name and score in the status bar. */
final class TrainingReport {

	private TrainingReport() {}

	static void show(String command, String modelName, TrainingSummary result) {
		IJ.log(command + ": " + result);
		IJ.showStatus(String.format(Locale.ROOT, "%s: %s (%s %.3f)", command, modelName, result.score(), result.bestScore()));
	}
}
