package sc.fiji.convnet.request;

import java.nio.file.Path;

import sc.fiji.convnet.engine.optim.TrainingJob;
import sc.fiji.convnet.model.ModelTask;

/**
 * Train Segmentation Model: every option with its default, in one place (menu, ImageJ 1.x dialog, macro, Jython and
 * {@code bin/convnet train-segmentation} build this record). Empty {@code images}: the open images and their ROIs.
 */
public record TrainSegmentationRequest(String images, String labels, String valimages, String vallabels, double holdout, int channel, String init,
		double minutes, int steps, boolean augment, String name, String output, boolean resume, int seed) implements java.io.Serializable {

	/** The {@code init} value that trains a new network from random weights. */
	public static final String FROM_SCRATCH = TrainingRequests.FROM_SCRATCH;

	public static final Spec SPEC = Spec.of("Train Segmentation Model",
			Option.folder("images", "Images folder (empty: the open images and their ROIs)")
					.help("folder of training images; empty in Fiji: every open image with ROIs (overlay, or the ROI Manager for the current image)"),
			Option.folder("labels", "Labels folder (label images, matched by name)")
					.help("folder of label images (0 = background, one value per nucleus) named like the images: a.tif, a_labels.tif, a_mask.png"),
			TrainingRequests.VALIMAGES,
			Option.folder("vallabels", "Vallabels: validation labels folder").aliases("val-labels").help("label images of the validation images"),
			TrainingRequests.HOLDOUT,
			Option.integer("channel", "Channel with nuclei", 1).help("1-based channel holding the nuclei"),
			TrainingRequests.init(ModelTask.SEGMENTATION, "a shipped or installed nuclei model of this plugin to start from, or 'none' to train from random weights"),
			TrainingRequests.MINUTES, TrainingRequests.steps("batches of 8 crops of 128² px"),
			Option.flag("augment", "Augment (flips, rotations, coarser pixels, blur, intensity)", true).help("vary the crops beyond zoom"),
			TrainingRequests.name("my-nuclei"), TrainingRequests.OUTPUT, TrainingRequests.RESUME, TrainingRequests.SEED);

	public TrainSegmentationRequest {
		images = TrainingRequests.trim(images);
		labels = TrainingRequests.trim(labels);
		valimages = TrainingRequests.trim(valimages);
		vallabels = TrainingRequests.trim(vallabels);
		init = TrainingRequests.init(init, ModelTask.SEGMENTATION);
		name = TrainingRequests.trim(name);
		output = TrainingRequests.trim(output);
		if (channel < 1) throw new IllegalArgumentException(SPEC.command() + ": channel " + channel + " is not ≥ 1");
		TrainingRequests.check(SPEC, holdout, minutes, steps, output, name);
	}

	/** Whether the folders given make sense together (checked when the run starts, so that {@link #with} can set them one by one). */
	public void checkFolders() {
		String c = "Train Segmentation Model: ";
		if (!images.isEmpty() && labels.isEmpty()) throw new IllegalArgumentException(c + "a labels folder is needed with the images folder " + images);
		if (valimages.isEmpty() != vallabels.isEmpty()) throw new IllegalArgumentException(c + "give both valimages and vallabels, or neither");
	}

	public static TrainSegmentationRequest defaults() { return from(SPEC.defaults()); }

	public static TrainSegmentationRequest from(Values v) {
		return new TrainSegmentationRequest(v.text("images"), v.text("labels"), v.text("valimages"), v.text("vallabels"), v.number("holdout"),
				v.integer("channel"), v.text("init"), v.number("minutes"), v.integer("steps"), v.flag("augment"), v.text("name"), v.text("output"),
				v.flag("resume"), v.integer("seed"));
	}

	public Values values() {
		return SPEC.defaults().set("images", images).set("labels", labels).set("valimages", valimages).set("vallabels", vallabels).set("holdout", holdout)
				.set("channel", channel).set("init", init).set("minutes", minutes).set("steps", steps).set("augment", augment).set("name", name)
				.set("output", output).set("resume", resume).set("seed", seed);
	}

	/** A copy with one option changed by its key (Jython: {@code TrainSegmentationRequest.defaults().with("minutes", 5)}). */
	public TrainSegmentationRequest with(String key, Object value) { return from(values().set(key, value)); }

	/** Whether training starts from random weights instead of a model. */
	public boolean fromScratch() { return TrainingRequests.fromScratch(init); }

	/** What the trainer is told: start, budget, model folder, seed and the command line that repeats this run. */
	public TrainingJob job() { return TrainingRequests.job(init, minutes, steps, output, name, resume, seed, "train-segmentation", values()); }

	/** The model folder to write: {@code output}, else {@code name} in the installed models folder. */
	public Path outputFolder() { return TrainingRequests.outputFolder(output, name); }

	/** The model's name: the output folder's name. */
	public String modelName() { return TrainingRequests.modelName(outputFolder()); }
}
