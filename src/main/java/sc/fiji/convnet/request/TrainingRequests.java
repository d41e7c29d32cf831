package sc.fiji.convnet.request;

import java.nio.file.Path;

import sc.fiji.convnet.engine.optim.TrainingJob;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;

/**
 * The options every Train … command shares (validation holdout, the model to start from, time or steps, the new
 * model's name and folder, resume, seed) and their checks, so the three training requests say them the same way.
 */
final class TrainingRequests {

	/** The {@code init} value that trains a new network from random weights. */
	static final String FROM_SCRATCH = "none";

	static final Option VALIMAGES = Option.folder("valimages", "Valimages: validation images folder (optional)").aliases("val-images")
			.help("validation images (optional; else a share of the training images is held out)");
	static final Option HOLDOUT = Option.number("holdout", "Holdout share of the images for validation", 0.2)
			.help("share of the annotated images held out to choose the best network when no validation folder is given");
	static final Option MINUTES = Option.number("minutes", "Minutes of training", 10).help("time limit; with steps 0 as many steps as fit are planned");
	static final Option OUTPUT = Option.folder("output", "Output model folder (empty: the installed models folder)")
			.help("the model folder to write; by default <installed models>/<name>, where every dialog and macro finds it by name");
	static final Option RESUME = Option.flag("resume", "Resume an interrupted training", false).help("continue from the checkpoint in the output folder");
	static final Option SEED = Option.integer("seed", "Seed of the random crops", 42).help("random seed (same seed, same data, same threads: the same model)");

	private TrainingRequests() {}

	static Option init(ModelTask task, String help) {
		return Option.text("init", "Init: model to fine-tune (none = from scratch)", task.defaultModel()).models(task).help(help);
	}

	static Option steps(String batch) {
		return Option.integer("steps", "Steps (0 = as many as fit in the minutes)", 0).help("number of training steps (" + batch + ")");
	}

	static Option name(String defaultName) {
		return Option.text("name", "Name of the new model", defaultName).help("the model's name: installed in the models folder under it (when no output is given)");
	}

	static String trim(String s) { return s == null ? "" : s.trim(); }

	/** The model to start from: the task's shipped model when none is given. */
	static String init(String init, ModelTask task) { return init == null || init.isBlank() ? task.defaultModel() : init.trim(); }

	static boolean fromScratch(String init) { return init.equalsIgnoreCase(FROM_SCRATCH); }

	/** What the trainer is told; {@code command} names the CLI command that repeats the run with {@code values}. */
	static TrainingJob job(String init, double minutes, int steps, String output, String name, boolean resume, int seed, String command, Values values) {
		Path folder = outputFolder(output, name);
		return new TrainingJob(fromScratch(init) ? null : init, minutes, steps, folder, modelName(folder), resume, seed,
				"bin/convnet " + command + " " + values.arguments());
	}

	/** The checks of the shared options. */
	static void check(Spec spec, double holdout, double minutes, int steps, String output, String name) {
		String c = spec.command() + ": ";
		if (!(holdout >= 0 && holdout < 1)) throw new IllegalArgumentException(c + "holdout " + holdout + " is not in [0, 1)");
		if (!(minutes >= 0) || steps < 0) throw new IllegalArgumentException(c + "minutes and steps must be ≥ 0");
		if (minutes == 0 && steps == 0) throw new IllegalArgumentException(c + "give a number of steps or of minutes");
		if (output.isEmpty() && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
			throw new IllegalArgumentException(c + "name '" + name + "' must be letters, digits, '.', '_' or '-' (it becomes a folder name)");
	}

	/** The model folder to write: {@code output}, else {@code name} in the installed models folder. */
	static Path outputFolder(String output, String name) {
		return output.isEmpty() ? ModelRepository.installedFolder().resolve(name) : Path.of(output);
	}

	/** A model's name: its folder's name. */
	static String modelName(Path folder) { return folder.toAbsolutePath().normalize().getFileName().toString(); }
}
