package sc.fiji.convnet.explain.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.export.BioimageioWriter;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Writes the trained cell-type classifier as a model folder: {@code model.onnx} and a bioimage.io description
 * whose {@code config: convnet:} block names the task ({@code classification}), the classes in output order,
 * the input convention (RGB in 0–1) and the crop size it was trained on.
 */
public final class ClassifierExport {

	private ClassifierExport() {}

	public static final String TASK = "classification";
	public static final String INPUT = "rgb 0-1";

	public static Map<String, Object> config(List<String> classes, int crop) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("task", TASK);
		c.put("classes", List.copyOf(classes));
		c.put("input", INPUT);
		c.put("crop", crop);
		c.put("saliency_layer", CellClassifierNet.LAST_CONV);
		return c;
	}

	public static Path export(Network net, int crop, Path folder, String command, ClassifierTraining.Accuracy valAccuracy, Tensor testCrop)
			throws IOException {
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("data", "BCCD (train split crops; best checkpoint by balanced val crop accuracy)");
		training.put("command", "bin/convnet " + command);
		return export(net, CellCrops.CLASSES, crop, folder, training, valAccuracy, testCrop, About.BCCD);
	}

	/**
	 * What a classifier's description says about it: its name, one sentence on what it is, the data it learnt from and
	 * was validated on, and whether it starts from BCCD (which it then cites).
	 */
	public record About(String name, String description, String trainingData, String validation, boolean fromBccd) {
		static final About BCCD = new About("ConvNet BCCD cell-type classifier",
				"Small fully convolutional classifier (" + String.join(", ", CellCrops.CLASSES) + ") of 64×64 crops of blood smears, trained from scratch with the "
						+ "ConvNet for Fiji engine on the BCCD train split; global average pooling lets it take whole images for Grad-CAM.",
				"trained from scratch with the ConvNet for Fiji engine on crops of the `train` split of BCCD\n(Shenggan/BCCD_Dataset, MIT licence): crops "
						+ "around box centres for " + String.join(", ", CellCrops.CLASSES.subList(0, CellCrops.BACKGROUND))
						+ " and crops whose centre touches no box for background",
				"BCCD `val` crops, no augmentation", true);
	}

	/** Writes the model folder; {@code training} (data, command, …) becomes the description's training record. */
	public static Path export(Network net, List<String> classes, int crop, Path folder, Map<String, Object> training, ClassifierTraining.Accuracy valAccuracy,
			Tensor testCrop, About about) throws IOException {
		Map<String, Object> config = config(classes, crop);
		Map<String, Object> record = new LinkedHashMap<>(training);
		record.put("val_crop_accuracy", round(valAccuracy.overall()));
		record.put("val_balanced_accuracy", round(valAccuracy.balanced()));
		record.put("log", "training.log");
		config.put("training", record);
		BioimageioWriter writer = BioimageioWriter.forNetwork(net)
				.name(about.name())
				.description(about.description())
				.author("ConvNet for Fiji developers")
				.license("MIT")
				.tags("classification", "grad-cam", "2d");
		if (about.fromBccd()) writer.cite("BCCD Dataset (Shenggan/BCCD_Dataset, MIT licence)", "https://github.com/Shenggan/BCCD_Dataset").tags("blood-cells", "bccd");
		return writer.inputChannelNames("R", "G", "B")
				.outputChannelNames(classes.toArray(new String[0]))
				// the network sees v/255 for 8-bit RGB
				.preprocessing(new sc.fiji.convnet.onnx.export.ProcessingStep("scale_linear", Map.of("gain", 1.0 / 255, "offset", 0.0)))
				.documentation(readme(classes, crop, String.valueOf(training.get("command")), valAccuracy, about))
				.config(config)
				.testInput(testCrop)
				.export(folder);
	}

	private static double round(double v) { return Math.round(v * 10000) / 10000.0; }

	static String readme(List<String> classes, int crop, String command, ClassifierTraining.Accuracy a, About about) {
		return String.join("\n",
				"# " + about.name(),
				"",
				"A small CNN (conv-BN-ReLU blocks, three max pools, global average pooling, a linear head; Bishop, Deep Learning, §10.2)",
				about.trainingData() + "; " + crop + "×" + crop + " crops.",
				"",
				"- Input: RGB in 0–1 (v/255), any size that is a multiple of " + CellClassifierNet.STRIDE + "; " + crop + "×" + crop + " crops for classification.",
				"- Output: " + classes.size() + " logits (" + String.join(", ", classes) + "); softmax for probabilities.",
				"- Whole images: the network is fully convolutional before the pooling, so Grad-CAM on `" + CellClassifierNet.LAST_CONV
						+ "` gives a heat map of a class",
				"  over a whole image (`bin/convnet saliency --target " + classes.get(0) + "`).",
				"",
				String.format(Locale.ROOT, "Validation (%s): %s.", about.validation(), a.describe(classes)),
				"",
				"Produced by: `" + command + "`; the training log is `training.log`.",
				"");
	}
}
