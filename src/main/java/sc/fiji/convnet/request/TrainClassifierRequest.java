package sc.fiji.convnet.request;

import java.nio.file.Path;

import sc.fiji.convnet.engine.optim.TrainingJob;
import sc.fiji.convnet.model.ModelTask;

/**
 * Train Classifier: every option with its default, in one place (menu, ImageJ 1.x dialog, macro, Jython and
 * {@code bin/convnet train-classifier} build this record). Empty {@code images}: the open images and the ROIs of their
 * overlays (or of the ROI Manager for the current image), grouped by name into classes.
 */
public record TrainClassifierRequest(String images, String valimages, double holdout, String init, boolean background, int crop, double minutes,
		int steps, String name, String output, boolean resume, int seed) implements java.io.Serializable {

	/** The class of crops that touch no ROI, added with {@link #background}. */
	public static final String BACKGROUND = sc.fiji.convnet.explain.train.ClassifierTraining.BACKGROUND;

	public static final Spec SPEC = Spec.of("Train Classifier",
			Option.folder("images", "Images folder (one subfolder per class; empty: the open images and their ROIs)")
					.help("folder with one subfolder of images per class (the subfolder's name is the class); empty in Fiji: every open image with ROIs named by class (overlay, or the ROI Manager for the current image)"),
			TrainingRequests.VALIMAGES.help("validation images, one subfolder per class (optional; else a share of the images is held out)"),
			TrainingRequests.HOLDOUT,
			TrainingRequests.init(ModelTask.CLASSIFICATION,
					"a shipped or installed classifier of this plugin whose classes include yours to start from, or 'none' for a new one"),
			Option.flag("background", "Background class from places without ROIs (ROIs only)", true)
					.help("with ROIs: add a class 'background' of crops whose centre touches no ROI"),
			Option.integer("crop", "Crop edge in pixels (a multiple of 8)", 64).help("edge of the square crops the classifier learns from, around each ROI or image centre"),
			TrainingRequests.MINUTES, TrainingRequests.steps("batches of 32 crops"),
			TrainingRequests.name("my-classifier"), TrainingRequests.OUTPUT, TrainingRequests.RESUME, TrainingRequests.SEED);

	public TrainClassifierRequest {
		images = TrainingRequests.trim(images);
		valimages = TrainingRequests.trim(valimages);
		init = TrainingRequests.init(init, ModelTask.CLASSIFICATION);
		name = TrainingRequests.trim(name);
		output = TrainingRequests.trim(output);
		if (crop < 8 || crop % 8 != 0) throw new IllegalArgumentException(SPEC.command() + ": crop " + crop + " is not a positive multiple of 8");
		TrainingRequests.check(SPEC, holdout, minutes, steps, output, name);
	}

	public static TrainClassifierRequest defaults() { return from(SPEC.defaults()); }

	public static TrainClassifierRequest from(Values v) {
		return new TrainClassifierRequest(v.text("images"), v.text("valimages"), v.number("holdout"), v.text("init"), v.flag("background"),
				v.integer("crop"), v.number("minutes"), v.integer("steps"), v.text("name"), v.text("output"), v.flag("resume"), v.integer("seed"));
	}

	public Values values() {
		return SPEC.defaults().set("images", images).set("valimages", valimages).set("holdout", holdout).set("init", init)
				.set("background", background).set("crop", crop).set("minutes", minutes).set("steps", steps).set("name", name).set("output", output)
				.set("resume", resume).set("seed", seed);
	}

	/** A copy with one option changed by its key (Jython: {@code TrainClassifierRequest.defaults().with("minutes", 5)}). */
	public TrainClassifierRequest with(String key, Object value) { return from(values().set(key, value)); }

	/** Whether training starts from a new network instead of a model. */
	public boolean fromScratch() { return TrainingRequests.fromScratch(init); }

	/** What the trainer is told: start, budget, model folder, seed and the command line that repeats this run. */
	public TrainingJob job() { return TrainingRequests.job(init, minutes, steps, output, name, resume, seed, "train-classifier", values()); }

	/** The model folder to write: {@code output}, else {@code name} in the installed models folder. */
	public Path outputFolder() { return TrainingRequests.outputFolder(output, name); }

	/** The model's name: the output folder's name. */
	public String modelName() { return TrainingRequests.modelName(outputFolder()); }
}
