package sc.fiji.convnet.segment.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.export.BioimageioWriter;
import sc.fiji.convnet.onnx.export.ProcessingStep;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Writes a trained nuclei network as the model folder the plugin ships: {@code model.onnx} and a
 * bioimage.io description whose {@code config: convnet:} block tells the pipeline what the three
 * output channels mean and the nucleus diameter of the training data (for the diameter option).
 */
public final class NucleiModelExport {

	private NucleiModelExport() {}

	/** Median equivalent diameter 2·√(area/π) of the nuclei in the samples, in pixels. */
	public static double medianDiameter(List<NucleiSample> samples) {
		double[] d = samples.stream().flatMapToDouble(s -> {
			int[] areas = s.labels().areas();
			return Arrays.stream(areas, 1, areas.length).filter(a -> a > 0).mapToDouble(a -> 2 * Math.sqrt(a / Math.PI));
		}).sorted().toArray();
		return d.length == 0 ? 0 : d[d.length / 2];
	}

	private static String depthOf(Network net) {
		return String.valueOf(Integer.numberOfTrailingZeros(Math.max(1, net.sizeMultiple())));
	}

	/** What a model's description says about it: its name, one sentence on what it is for, and the data it was trained on. */
	public record About(String name, String description, String data, String valData) {
		static final About SHIPPED = new About("ConvNet nuclei U-Net",
				"Three-class (background, interior, boundary) U-Net with a distance-to-edge output for fluorescence nuclei, trained with the "
						+ "ConvNet for Fiji engine on the train splits of the DSB 2018 stage-1 test and training images (BBBC038); instances by seeded "
						+ "watershed from the distance maxima.",
				"the `train` splits of the\nnuclei-dsb2018 images (DSB 2018 stage-1 test set) and nuclei-dsb2018-stage1-train (DSB 2018 stage-1 training set;"
						+ " BBBC038, Caicedo et al. 2019)",
				"nuclei-dsb2018 `val` split, 11 images, default settings");
	}

	public static Path export(Network net, Path folder, double trainedDiameter, Map<String, Object> training, NucleiSample testSample,
			double valAp50) throws IOException {
		return export(net, folder, trainedDiameter, training, testSample, valAp50, About.SHIPPED);
	}

	public static Path export(Network net, Path folder, double trainedDiameter, Map<String, Object> training, NucleiSample testSample,
			double valAp50, About about) throws IOException {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("task", "nuclei");
		sc.fiji.convnet.segment.InstanceDecoder.OutputKind kind = NucleiTraining.outputKind(net);
		boolean distance = kind.channels() == 4;
		config.put("output", kind.configName());
		config.put("softmax", true);
		config.put("diameter", Math.round(trainedDiameter * 10) / 10.0);
		config.put("training", training);
		config.put("val_ap50", Math.round(valAp50 * 10000) / 10000.0);
		int side = Math.min(256, Math.min(testSample.width(), testSample.height())) / net.sizeMultiple() * net.sizeMultiple();
		float[] crop = new float[side * side];
		for (int y = 0; y < side; y++) System.arraycopy(testSample.pixels(), y * testSample.width(), crop, y * side, side);
		Tensor test = NucleiTraining.normalize(crop, side, side);
		return BioimageioWriter.forNetwork(net)
				.name(about.name())
				.description(about.description())
				.author("ConvNet for Fiji developers")
				.license("MIT")
				.cite("Caicedo et al., Nucleus segmentation across imaging experiments: the 2018 Data Science Bowl, Nature Methods 16, 1247 (2019)",
						"10.1038/s41592-019-0612-7")
				.tags("nuclei", "segmentation", "fluorescence", "unet", "2d")
				.documentation(String.join("\n", "# " + about.name(), "",
						"Three-class (background, interior, boundary) U-Net" + (distance ? " with a distance output" : "") + " (depth " + depthOf(net) + ", "
								+ net.parameterCount() + " parameters) for fluorescence nuclei, trained with the ConvNet for Fiji engine on " + about.data()
								+ ". Nuclei are separated by a seeded",
						"watershed: " + (distance ? "nucleus centres (high distance)" : "interior pixels") + " seed them, every non-background pixel is flooded from the seeds.", "",
						"- Pre-processing: percentiles 1 and 99.8 of the whole image map to 0 and 1 (`scale_range`).",
						distance ? "- Output: logits of background, interior, boundary (a softmax over them gives probabilities) and of the distance to the "
								+ "nucleus edge divided by the nucleus's largest (a sigmoid gives it)."
								: "- Output: logits of background, interior, boundary; a softmax over channels gives probabilities.",
						String.format(java.util.Locale.ROOT, "- Median nucleus diameter in the training images: %.1f px (the `--diameter` option rescales to it).",
								trainedDiameter),
						String.format(java.util.Locale.ROOT, "- Validation (%s): AP@0.5 = %.4f.", about.valData(), valAp50),
						"- Training: `" + training.get("command") + "`, log in `training.log`.", ""))
				.outputChannelNames(kind.channelNames())
				.preprocessing(ProcessingStep.scaleRange(NucleiTraining.LOW_PERCENTILE, NucleiTraining.HIGH_PERCENTILE))
				.config(config)
				.testInput(test)
				.export(folder);
	}
}
