package sc.fiji.convnet.request;

import java.nio.file.Path;
import java.util.List;

import sc.fiji.convnet.engine.optim.TrainingJob;
import sc.fiji.convnet.model.ModelTask;

/**
 * Train Detector: every option with its default, in one place (menu, ImageJ 1.x dialog, macro, Jython and
 * {@code bin/convnet train-detector} build this record). Empty {@code images}: the open images and the rectangles
 * of their overlays (or of the ROI Manager for the current image), each named by its class.
 */
public record TrainDetectorRequest(String images, String annotations, String valimages, String valannotations, double holdout, String init,
		String arch, double scale, double minutes, int steps, String name, String output, boolean resume, int seed) implements java.io.Serializable {

	public static final Spec SPEC = Spec.of("Train Detector",
			Option.folder("images", "Images folder (empty: the open images and their ROIs)")
					.help("folder of training images; empty in Fiji: every open image with rectangles named by class (overlay, or the ROI Manager for the current image)"),
			Option.folder("annotations", "Annotations folder (Pascal VOC XML, matched by name)")
					.help("folder of Pascal VOC XML files named like the images (a.jpg with a.xml); the classes are the objects' names"),
			TrainingRequests.VALIMAGES,
			Option.folder("valannotations", "Valannotations: validation annotations folder").aliases("val-annotations")
					.help("Pascal VOC XML files of the validation images"),
			TrainingRequests.HOLDOUT,
			TrainingRequests.init(ModelTask.DETECTION, "a shipped or installed detector of this plugin with the same classes to start from, or 'none' for a new one"),
			Option.choice("arch", "Arch: design of a new detector (init=none)", "centre", List.of("centre", "grid"))
					.help("the design of a new detector: centre (anchor-free centre heat maps, stride 8) or grid (one box per stride-16 cell)"),
			Option.number("scale", "Scale of the images the network sees (0 = the model's)", 0)
					.help("image scale the network sees; 0: the starting model's, or the design's default (0.75 centre, 0.5 grid)"),
			TrainingRequests.MINUTES, TrainingRequests.steps("batches of 8 crops"),
			TrainingRequests.name("my-detector"), TrainingRequests.OUTPUT, TrainingRequests.RESUME, TrainingRequests.SEED);

	public TrainDetectorRequest {
		images = TrainingRequests.trim(images);
		annotations = TrainingRequests.trim(annotations);
		valimages = TrainingRequests.trim(valimages);
		valannotations = TrainingRequests.trim(valannotations);
		init = TrainingRequests.init(init, ModelTask.DETECTION);
		name = TrainingRequests.trim(name);
		output = TrainingRequests.trim(output);
		arch = arch == null || arch.isBlank() ? "centre" : arch.trim();
		if (!SPEC.option("arch").choices().contains(arch)) throw new IllegalArgumentException(SPEC.command() + ": arch '" + arch + "' is not one of " + SPEC.option("arch").choices());
		if (!(scale >= 0) || scale > 4) throw new IllegalArgumentException(SPEC.command() + ": scale " + scale + " is not in [0, 4] (0: the model's)");
		TrainingRequests.check(SPEC, holdout, minutes, steps, output, name);
	}

	/** Whether the folders given make sense together (checked when the run starts, so that {@link #with} can set them one by one). */
	public void checkFolders() {
		if (!images.isEmpty() && annotations.isEmpty())
			throw new IllegalArgumentException(SPEC.command() + ": an annotations folder is needed with the images folder " + images);
		if (valimages.isEmpty() != valannotations.isEmpty())
			throw new IllegalArgumentException(SPEC.command() + ": give both valimages and valannotations, or neither");
	}

	public static TrainDetectorRequest defaults() { return from(SPEC.defaults()); }

	public static TrainDetectorRequest from(Values v) {
		return new TrainDetectorRequest(v.text("images"), v.text("annotations"), v.text("valimages"), v.text("valannotations"), v.number("holdout"),
				v.text("init"), v.text("arch"), v.number("scale"), v.number("minutes"), v.integer("steps"), v.text("name"), v.text("output"),
				v.flag("resume"), v.integer("seed"));
	}

	public Values values() {
		return SPEC.defaults().set("images", images).set("annotations", annotations).set("valimages", valimages).set("valannotations", valannotations)
				.set("holdout", holdout).set("init", init).set("arch", arch).set("scale", scale).set("minutes", minutes).set("steps", steps)
				.set("name", name).set("output", output).set("resume", resume).set("seed", seed);
	}

	/** A copy with one option changed by its key (Jython: {@code TrainDetectorRequest.defaults().with("minutes", 5)}). */
	public TrainDetectorRequest with(String key, Object value) { return from(values().set(key, value)); }

	/** Whether training starts from a new network instead of a model. */
	public boolean fromScratch() { return TrainingRequests.fromScratch(init); }

	/** What the trainer is told: start, budget, model folder, seed and the command line that repeats this run. */
	public TrainingJob job() { return TrainingRequests.job(init, minutes, steps, output, name, resume, seed, "train-detector", values()); }

	/** The model folder to write: {@code output}, else {@code name} in the installed models folder. */
	public Path outputFolder() { return TrainingRequests.outputFolder(output, name); }

	/** The model's name: the output folder's name. */
	public String modelName() { return TrainingRequests.modelName(outputFolder()); }
}
