package sc.fiji.convnet.engine.optim;

import java.nio.file.Path;

/**
 * What every front end tells a trainer, whatever the task: the model to start from ({@code null}: random weights), the
 * budget, the model folder to write and its name, whether to resume there, the seed, and the command line that
 * repeats the run (written into the model's training record).
 */
public record TrainingJob(String init, double minutes, int steps, Path outputFolder, String modelName, boolean resume, int seed, String command) {

	/** Whether training starts from random weights. */
	public boolean fromScratch() { return init == null; }

	/** The starting model as the training record names it. */
	public String initName() { return fromScratch() ? "none" : init; }
}
