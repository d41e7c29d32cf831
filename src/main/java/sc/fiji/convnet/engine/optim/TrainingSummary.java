package sc.fiji.convnet.engine.optim;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a training run that writes a model folder gave: the folder, the validation score's name, the score of the
 * starting model (NaN for a new network) and of the model kept, the steps run, whether it was stopped early, and how
 * many items (images) it trained and validated on.
 */
public record TrainingSummary(Path model, String score, double startScore, double bestScore, int steps, boolean stopped, int trainItems,
		int valItems) {

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s: %s %s → %.4f after %d steps on %d images (%d for validation)%s", model, score,
				Double.isNaN(startScore) ? "(new network)" : String.format(Locale.ROOT, "%.4f", startScore), bestScore, steps, trainItems, valItems,
				stopped ? ", stopped early" : "");
	}
}
