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
		Map<String, Object> config = design.config(inputScale);
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("data", "BCCD (train split; best checkpoint by val mAP@0.5)");
		training.put("command", "bin/convnet " + command);
		training.put("val_map50", Math.round(valMap * 10000) / 10000.0);
		training.put("log", "training.log");
		config.put("training", training);
		RgbImage small = testImage.resized((int) Math.round(testImage.width() * inputScale), (int) Math.round(testImage.height() * inputScale));
		List<String> classes = design.decoder().classes();
		return BioimageioWriter.forNetwork(net)
				.name("ConvNet BCCD blood-cell detector")
				.description("Fully convolutional " + design.decoder().describe() + " for " + String.join(", ", classes)
						+ " in blood smears, trained from scratch with the ConvNet for Fiji engine on the BCCD train split.")
				.author("ConvNet for Fiji developers")
				.license("MIT")
				.cite("BCCD Dataset (Shenggan/BCCD_Dataset, MIT licence)", "https://github.com/Shenggan/BCCD_Dataset")
				.tags("detection", "blood-cells", "bccd", design.name() + "-detector", "2d")
				.inputChannelNames("R", "G", "B")
				.outputChannelNames(design.outputChannelNames())
				// the network sees (v/255 − 0.5)/0.25 for 8-bit RGB at input_scale of the original size
				.preprocessing(new ProcessingStep("scale_linear", Map.of("gain", 4.0 / 255, "offset", -2.0)))
				.documentation(readme(design, inputScale, command, valMap))
				.config(config)
				.testInput(small.toInput(Math.max(design.sizeMultiple(), net.sizeMultiple())))
				.export(folder);
	}

	static String readme(DetectorDesign design, double inputScale, String command, double valMap) {
		int stride = design.decoder().stride();
		String decoding = design instanceof DetectorDesign.Grid
				? "- Decoding: score = sigmoid(objectness) × softmax(class), boxes mapped back to the original pixels, per-class non-max\n"
						+ "  suppression (`config: convnet: decoder: grid`)."
				: "- Decoding: one box per local maximum (3×3) of each class's heat map, score = sigmoid(heat), sides at e^d × stride from the\n"
						+ "  cell centre, boxes mapped back to the original pixels, per-class non-max suppression (`config: convnet: decoder: centre`).";
		return String.join("\n",
				"# ConvNet BCCD blood-cell detector",
				"",
				"A small fully convolutional " + design.decoder().describe() + " (Bishop, Deep Learning, section 10.4) trained from scratch",
				"with the ConvNet for Fiji engine on the `train` split of BCCD (Shenggan/BCCD_Dataset, MIT licence). Classes: "
						+ String.join(", ", design.decoder().classes()) + ".",
				"",
				"- Input: RGB, resized to " + inputScale + " × the original size, normalised (v/255 − 0.5)/0.25,",
				"  height and width multiples of " + design.sizeMultiple() + ".",
				"- Output: one cell per " + stride + "×" + stride + " input pixels with " + design.outputChannelNames().length + " channels:",
				"  " + design.outputChannels() + ".",
				decoding,
				"",
				String.format(java.util.Locale.ROOT, "Validation (BCCD `val`, 87 images, IoU 0.5, Pascal VOC all-point AP): mAP@0.5 = %.4f.", valMap),
				"",
				"Use: `bin/convnet detect --input DIR --output DIR --model bccd-detector`, or Plugins › ConvNet › Detect Objects.",
				"",
				"Produced by: `bin/convnet " + command + "`; the training log is `training.log`.",
				"");
	}
}
