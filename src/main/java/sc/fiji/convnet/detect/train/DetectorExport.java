package sc.fiji.convnet.detect.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.export.BioimageioWriter;
import sc.fiji.convnet.onnx.export.ProcessingStep;

/**
 * Writes a trained detector as a model folder: {@code model.onnx} and a bioimage.io description whose
 * {@code config: convnet:} block holds what decoding needs (see {@link DetectorDesign#config}): the decoder
 * kind ({@code grid} or {@code centre}), class names, the stride of the output cells, and the input scale the
 * network was trained at.
 */
public final class DetectorExport {

	private DetectorExport() {}

	public static final String DECODER_GRID = DetectorDesign.GRID;

	/** The grid detector of this layout (the shipped model's design). */
	public static Path export(Network net, GridLayout layout, double inputScale, Path folder, String command, double valMap, RgbImage testImage)
			throws IOException {
		return export(net, new DetectorDesign.Grid(layout, 0.5, 2), inputScale, folder, command, valMap, testImage);
	}

	public static Path export(Network net, DetectorDesign design, double inputScale, Path folder, String command, double valMap, RgbImage testImage)
			throws IOException {
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("data", "BCCD (train split; best checkpoint by val mAP@0.5)");
		training.put("command", "bin/convnet " + command);
		return export(net, design, inputScale, folder, training, valMap, testImage, About.bccd(design));
	}

	/**
	 * What a detector's description says about it: its name and the name it is used by, one sentence on what it is, the
	 * data it learnt from and was validated on, and whether it starts from BCCD (which it then cites).
	 */
	public record About(String name, String modelName, String description, String trainingData, String validation, boolean fromBccd) {
		static About bccd(DetectorDesign design) {
			return new About("ConvNet BCCD blood-cell detector", "bccd-detector", "Fully convolutional " + design.decoder().describe() + " for "
					+ String.join(", ", design.decoder().classes()) + " in blood smears, trained from scratch with the ConvNet for Fiji engine on the BCCD train split.",
					"trained from scratch\nwith the ConvNet for Fiji engine on the `train` split of BCCD (Shenggan/BCCD_Dataset, MIT licence)", "BCCD `val`, 87 images", true);
		}
	}

	/** Writes the model folder; {@code training} (data, command, …) becomes the description's training record. */
	public static Path export(Network net, DetectorDesign design, double inputScale, Path folder, Map<String, Object> training, double valMap,
			RgbImage testImage, About about) throws IOException {
		Map<String, Object> config = design.config(inputScale);
		Map<String, Object> record = new LinkedHashMap<>(training);
		record.put("val_map50", Math.round(valMap * 10000) / 10000.0);
		record.put("log", "training.log");
		config.put("training", record);
		RgbImage small = testImage.resized((int) Math.round(testImage.width() * inputScale), (int) Math.round(testImage.height() * inputScale));
		BioimageioWriter writer = BioimageioWriter.forNetwork(net)
				.name(about.name())
				.description(about.description())
				.author("ConvNet for Fiji developers")
				.license("MIT")
				.tags("detection", design.name() + "-detector", "2d");
		if (about.fromBccd()) writer.cite("BCCD Dataset (Shenggan/BCCD_Dataset, MIT licence)", "https://github.com/Shenggan/BCCD_Dataset").tags("blood-cells", "bccd");
		return writer.inputChannelNames("R", "G", "B")
				.outputChannelNames(design.outputChannelNames())
				// the network sees (v/255 − 0.5)/0.25 for 8-bit RGB at input_scale of the original size
				.preprocessing(new ProcessingStep("scale_linear", Map.of("gain", 4.0 / 255, "offset", -2.0)))
				.documentation(readme(design, inputScale, String.valueOf(training.get("command")), valMap, about))
				.config(config)
				.testInput(small.toInput(Math.max(design.sizeMultiple(), net.sizeMultiple())))
				.export(folder);
	}

	static String readme(DetectorDesign design, double inputScale, String command, double valMap, About about) {
		int stride = design.decoder().stride();
		String decoding = design instanceof DetectorDesign.Grid
				? "- Decoding: score = sigmoid(objectness) × softmax(class), boxes mapped back to the original pixels, per-class non-max\n"
						+ "  suppression (`config: convnet: decoder: grid`)."
				: "- Decoding: one box per local maximum (3×3) of each class's heat map, score = sigmoid(heat), sides at e^d × stride from the\n"
						+ "  cell centre, boxes mapped back to the original pixels, per-class non-max suppression (`config: convnet: decoder: centre`).";
		return String.join("\n",
				"# " + about.name(),
				"",
				"A small fully convolutional " + design.decoder().describe() + " (Bishop, Deep Learning, section 10.4) " + about.trainingData()
						+ ". Classes: " + String.join(", ", design.decoder().classes()) + ".",
				"",
				"- Input: RGB, resized to " + inputScale + " × the original size, normalised (v/255 − 0.5)/0.25,",
				"  height and width multiples of " + design.sizeMultiple() + ".",
				"- Output: one cell per " + stride + "×" + stride + " input pixels with " + design.outputChannelNames().length + " channels:",
				"  " + design.outputChannels() + ".",
				decoding,
				"",
				String.format(java.util.Locale.ROOT, "Validation (%s, IoU 0.5, Pascal VOC all-point AP): mAP@0.5 = %.4f.", about.validation(), valMap),
				"",
				"Use: `bin/convnet detect --input DIR --output DIR --model " + about.modelName() + "`, or Plugins › ConvNet › Detect Objects.",
				"",
				"Produced by: `" + command + "`; the training log is `training.log`.",
				"");
	}
}
