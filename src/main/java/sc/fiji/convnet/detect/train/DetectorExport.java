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
 * Writes the trained grid detector as a model folder: {@code model.onnx} and a bioimage.io description
 * whose {@code config: convnet:} block holds what decoding needs: decoder kind {@code grid}, class names,
 * grid stride, reference box size and the input scale the network was trained at.
 */
public final class DetectorExport {

	private DetectorExport() {}

	public static final String DECODER_GRID = "grid";

	public static Map<String, Object> config(GridLayout layout, double inputScale) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("task", "detection");
		c.put("decoder", DECODER_GRID);
		c.put("classes", List.copyOf(layout.classes()));
		c.put("stride", layout.stride());
		c.put("reference_size", layout.referenceSize());
		c.put("input_scale", inputScale);
		c.put("output_channels", "objectness logit, class logits (" + String.join(", ", layout.classes())
				+ "), b_x, b_y (centre offset in the cell, 0..1), b_W, b_H (ln(size / reference_size))");
		return c;
	}

	public static Path export(Network net, GridLayout layout, double inputScale, Path folder, String command, double valMap, RgbImage testImage)
			throws IOException {
		Map<String, Object> config = config(layout, inputScale);
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("data", "BCCD (train split; best checkpoint by val mAP@0.5)");
		training.put("command", "bin/convnet " + command);
		training.put("val_map50", Math.round(valMap * 10000) / 10000.0);
		training.put("log", "training.log");
		config.put("training", training);
		RgbImage small = testImage.resized((int) Math.round(testImage.width() * inputScale), (int) Math.round(testImage.height() * inputScale));
		String[] channels = new String[layout.channels()];
		channels[0] = "objectness";
		for (int c = 0; c < layout.classes().size(); c++) channels[1 + c] = "class_" + layout.classes().get(c);
		String[] box = { "b_x", "b_y", "b_w", "b_h" };
		for (int k = 0; k < 4; k++) channels[layout.boxChannel() + k] = box[k];
		return BioimageioWriter.forNetwork(net)
				.name("ConvNet BCCD blood-cell detector")
				.description("Fully convolutional grid detector (stride " + layout.stride() + ") for " + String.join(", ", layout.classes())
						+ " in blood smears, trained from scratch with the ConvNet for Fiji engine on the BCCD train split.")
				.author("ConvNet for Fiji developers")
				.license("MIT")
				.cite("BCCD Dataset (Shenggan/BCCD_Dataset, MIT licence)", "https://github.com/Shenggan/BCCD_Dataset")
				.tags("detection", "blood-cells", "bccd", "grid-detector", "2d")
				.inputChannelNames("R", "G", "B")
				.outputChannelNames(channels)
				// the network sees (v/255 − 0.5)/0.25 for 8-bit RGB at input_scale of the original size
				.preprocessing(new ProcessingStep("scale_linear", Map.of("gain", 4.0 / 255, "offset", -2.0)))
				.documentation(readme(layout, inputScale, command, valMap))
				.config(config)
				.testInput(small.toInput(layout.stride()))
				.export(folder);
	}

	static String readme(GridLayout layout, double inputScale, String command, double valMap) {
		return String.join("\n",
				"# ConvNet BCCD blood-cell detector",
				"",
				"A small fully convolutional grid detector (Bishop, Deep Learning, section 10.4) trained from scratch with the ConvNet for Fiji",
				"engine on the `train` split of BCCD (Shenggan/BCCD_Dataset, MIT licence). Classes: " + String.join(", ", layout.classes()) + ".",
				"",
				"- Input: RGB, resized to " + inputScale + " × the original size (640×480 → 320×240), normalised (v/255 − 0.5)/0.25,",
				"  height and width multiples of " + layout.stride() + ".",
				"- Output: one cell per " + layout.stride() + "×" + layout.stride() + " input pixels with " + layout.channels() + " channels:",
				"  objectness logit, class logits, b_x, b_y (centre offset in the cell, 0..1), b_W, b_H (ln(size / " + layout.referenceSize() + " px)).",
				"- Decoding: score = sigmoid(objectness) × softmax(class), boxes mapped back to the original pixels, per-class non-max",
				"  suppression (`config: convnet: decoder: grid`).",
				"",
				String.format(java.util.Locale.ROOT, "Validation (BCCD `val`, 87 images, IoU 0.5, Pascal VOC all-point AP): mAP@0.5 = %.4f.", valMap),
				"",
				"Use: `bin/convnet detect --input DIR --output DIR --model bccd-detector`, or Plugins › ConvNet › Detect Objects.",
				"",
				"Produced by: `bin/convnet " + command + "`; the training log is `training.log`.",
				"");
	}
}
