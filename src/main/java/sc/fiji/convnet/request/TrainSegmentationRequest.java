package sc.fiji.convnet.request;

import java.nio.file.Path;

import sc.fiji.convnet.model.ModelTask;

/**
 * Train Segmentation Model: every option with its default, in one place (menu, ImageJ 1.x dialog, macro, Jython and
 * {@code bin/convnet train-segmentation} build this record). Empty {@code images}: the open images and their ROIs.
 */
public record TrainSegmentationRequest(String images, String labels, String valimages, String vallabels, double holdout, int channel, String init,
		double minutes, int steps, boolean augment, String name, String output, boolean resume, int seed) implements java.io.Serializable {

	/** The {@code init} value that trains a new network from random weights. */
	public static final String FROM_SCRATCH = "none";

	public static final Spec SPEC = Spec.of("Train Segmentation Model",
			Option.folder("images", "Images folder (empty: the open images and their ROIs)")
					.help("folder of training images; empty in Fiji: every open image with ROIs (overlay, or the ROI Manager for the current image)"),
			Option.folder("labels", "Labels folder (label images, matched by name)")
					.help("folder of label images (0 = background, one value per nucleus) named like the images: a.tif, a_labels.tif, a_mask.png"),
			Option.folder("valimages", "Valimages: validation images folder (optional)").aliases("val-images")
					.help("validation images (optional; else a share of the training images is held out)"),
			Option.folder("vallabels", "Vallabels: validation labels folder").aliases("val-labels").help("label images of the validation images"),
			Option.number("holdout", "Holdout share of the images for validation", 0.2)
					.help("share of the annotated images held out to choose the best network when no validation folder is given"),
			Option.integer("channel", "Channel with nuclei", 1).help("1-based channel holding the nuclei"),
			Option.text("init", "Init: model to fine-tune (none = from scratch)", ModelTask.SEGMENTATION.defaultModel()).models(ModelTask.SEGMENTATION)
					.help("a shipped or installed three-class nuclei model to start from, or 'none' to train from random weights"),
			Option.number("minutes", "Minutes of training", 10).help("time limit; with steps 0 as many steps as fit are planned"),
			Option.integer("steps", "Steps (0 = as many as fit in the minutes)", 0).help("number of training steps (batches of 8 crops of 128² px)"),
			Option.flag("augment", "Augment (flips, rotations, blur, intensity)", true).help("vary the crops beyond zoom"),
			Option.text("name", "Name of the new model", "my-nuclei").help("the model's name: installed in the models folder under it (when no output is given)"),
			Option.folder("output", "Output model folder (empty: the installed models folder)")
					.help("the model folder to write; by default <installed models>/<name>, where every dialog and macro finds it by name"),
			Option.flag("resume", "Resume an interrupted training", false).help("continue from the checkpoint in the output folder"),
			Option.integer("seed", "Seed of the random crops", 42).help("random seed (same seed, same data, same threads: the same model)"));

	public TrainSegmentationRequest {
		images = trim(images);
		labels = trim(labels);
		valimages = trim(valimages);
		vallabels = trim(vallabels);
		init = init == null || init.isBlank() ? ModelTask.SEGMENTATION.defaultModel() : init.trim();
		name = trim(name);
		output = trim(output);
		String c = "Train Segmentation Model: ";
		if (!(holdout >= 0 && holdout < 1)) throw new IllegalArgumentException(c + "holdout " + holdout + " is not in [0, 1)");
		if (channel < 1) throw new IllegalArgumentException(c + "channel " + channel + " is not ≥ 1");
		if (!(minutes >= 0) || steps < 0) throw new IllegalArgumentException(c + "minutes and steps must be ≥ 0");
		if (minutes == 0 && steps == 0) throw new IllegalArgumentException(c + "give a number of steps or of minutes");
		if (output.isEmpty() && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
			throw new IllegalArgumentException(c + "name '" + name + "' must be letters, digits, '.', '_' or '-' (it becomes a folder name)");
	}

	/** Whether the folders given make sense together (checked when the run starts, so that {@link #with} can set them one by one). */
	public void checkFolders() {
		String c = "Train Segmentation Model: ";
		if (!images.isEmpty() && labels.isEmpty()) throw new IllegalArgumentException(c + "a labels folder is needed with the images folder " + images);
		if (valimages.isEmpty() != vallabels.isEmpty()) throw new IllegalArgumentException(c + "give both valimages and vallabels, or neither");
	}

	private static String trim(String s) { return s == null ? "" : s.trim(); }

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
	public boolean fromScratch() { return init.equalsIgnoreCase(FROM_SCRATCH); }

	/** The model folder to write: {@code output}, else {@code name} in the installed models folder. */
	public Path outputFolder() {
		return output.isEmpty() ? sc.fiji.convnet.model.ModelRepository.installedFolder().resolve(name) : Path.of(output);
	}

	/** The model's name: the output folder's name. */
	public String modelName() { return outputFolder().toAbsolutePath().normalize().getFileName().toString(); }
}
