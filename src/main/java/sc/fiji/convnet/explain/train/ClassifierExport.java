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
		List<String> classes = CellCrops.CLASSES;
		Map<String, Object> config = config(classes, crop);
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("data", "BCCD (train split crops; best checkpoint by balanced val crop accuracy)");
		training.put("command", "bin/convnet " + command);
		training.put("val_crop_accuracy", round(valAccuracy.overall()));
		training.put("val_balanced_accuracy", round(valAccuracy.balanced()));
		training.put("log", "training.log");
		config.put("training", training);
		return BioimageioWriter.forNetwork(net)
				.name("ConvNet BCCD cell-type classifier")
				.description("Small fully convolutional classifier (" + String.join(", ", classes) + ") of " + crop + "×" + crop
						+ " crops of blood smears, trained from scratch with the ConvNet for Fiji engine on the BCCD train split; "
						+ "global average pooling lets it take whole images for Grad-CAM.")
				.author("ConvNet for Fiji developers")
				.license("MIT")
				.cite("BCCD Dataset (Shenggan/BCCD_Dataset, MIT licence)", "https://github.com/Shenggan/BCCD_Dataset")
				.tags("classification", "blood-cells", "bccd", "grad-cam", "2d")
				.inputChannelNames("R", "G", "B")
				.outputChannelNames(classes.toArray(new String[0]))
				// the network sees v/255 for 8-bit RGB
				.preprocessing(new sc.fiji.convnet.onnx.export.ProcessingStep("scale_linear", Map.of("gain", 1.0 / 255, "offset", 0.0)))
				.documentation(readme(classes, crop, command, valAccuracy))
				.config(config)
				.testInput(testCrop)
				.export(folder);
	}

	private static double round(double v) { return Math.round(v * 10000) / 10000.0; }

	static String readme(List<String> classes, int crop, String command, ClassifierTraining.Accuracy a) {
		return String.join("\n",
				"# ConvNet BCCD cell-type classifier",
				"",
				"A small CNN (conv-BN-ReLU blocks, three max pools, global average pooling, a linear head; Bishop, Deep Learning, §10.2)",
				"trained from scratch with the ConvNet for Fiji engine on " + crop + "×" + crop + " crops of the `train` split of BCCD",
				"(Shenggan/BCCD_Dataset, MIT licence): crops around box centres for " + String.join(", ", classes.subList(0, classes.size() - 1))
						+ " and crops whose centre touches no box for background.",
				"",
				"- Input: RGB in 0–1 (v/255), any size that is a multiple of " + CellClassifierNet.STRIDE + "; " + crop + "×" + crop + " crops for classification.",
				"- Output: " + classes.size() + " logits (" + String.join(", ", classes) + "); softmax for probabilities.",
				"- Whole images: the network is fully convolutional before the pooling, so Grad-CAM on `" + CellClassifierNet.LAST_CONV
						+ "` gives a heat map of a class",
				"  over a whole 640×480 smear (`bin/convnet saliency --class WBC`).",
				"",
				String.format(Locale.ROOT, "Validation (BCCD `val` crops, no augmentation): %s.", a.describe(classes)),
				"",
				"Produced by: `bin/convnet " + command + "`; the training log is `training.log`.",
				"");
	}
}
