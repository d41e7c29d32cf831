package sc.fiji.convnet;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import ij.ImagePlus;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.ImageSegmentation;
import sc.fiji.convnet.ij.SegmentationEvaluation;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;

/**
 * The one entry point that menu commands, ImageJ macros, Jython scripts and the command line all
 * call, so that they give the same results for the same parameters.
 * <pre>
 * from sc.fiji.convnet import ConvNet
 * seg = ConvNet.segmenter("nuclei").threshold(0.5).build()
 * out = ConvNet.segment(imp, seg)
 * out.labels().show()
 * </pre>
 */
public final class ConvNet {

	/** The model used when none is named: our nuclei U-Net in {@code models/}. */
	public static final String DEFAULT_SEGMENTATION_MODEL = "nuclei";

	private static final Map<String, SegmentationModel> SEGMENTATION_MODELS = new ConcurrentHashMap<>();

	private ConvNet() {}

	static {
		Offline.ensure();
	}

	/** Loads (once per session) a segmentation model by name in {@code models/} or by path. */
	public static SegmentationModel segmentationModel(String nameOrPath) throws IOException {
		String key = nameOrPath == null || nameOrPath.isBlank() ? DEFAULT_SEGMENTATION_MODEL : nameOrPath.trim();
		SegmentationModel cached = SEGMENTATION_MODELS.get(key);
		if (cached != null) return cached;
		SegmentationModel model = SegmentationModels.load(key);
		SegmentationModel raced = SEGMENTATION_MODELS.putIfAbsent(key, model);
		if (raced != null) { model.close(); return raced; }
		return model;
	}

	/** A segmenter builder with the dialog's defaults for the named model. */
	public static NucleiSegmenter.Builder segmenter(String nameOrPath) throws IOException {
		return NucleiSegmenter.builder(segmentationModel(nameOrPath));
	}

	/** Segments one image (every z and t of the first channel). */
	public static SegmentationOutput segment(ImagePlus imp, NucleiSegmenter segmenter) {
		return segment(imp, segmenter, 1, Progress.NONE);
	}

	public static SegmentationOutput segment(ImagePlus imp, NucleiSegmenter segmenter, int channel, Progress progress) {
		return segment(imp, segmenter, channel, false, progress);
	}

	/** As above; with {@code keepProbabilities} the output also holds the model's probability maps. */
	public static SegmentationOutput segment(ImagePlus imp, NucleiSegmenter segmenter, int channel, boolean keepProbabilities, Progress progress) {
		if (imp == null) throw new IllegalArgumentException("Segment: no image");
		return ImageSegmentation.segment(imp, segmenter, channel, keepProbabilities, progress);
	}

	/** Segments every matching image of a folder into label TIFFs, ROI zips and one measurements CSV. */
	public static BatchSegmentation.Report segmentFolder(File input, File output, String fileFilter, NucleiSegmenter segmenter,
			int channel, boolean overwrite, Consumer<String> log, Progress progress) throws IOException {
		return new BatchSegmentation(segmenter, channel, overwrite, log).run(input, output, fileFilter, progress);
	}

	/** Jython-friendly short form: default channel, log to standard output, no progress. */
	public static BatchSegmentation.Report segmentFolder(String input, String output, String fileFilter, String model, boolean overwrite)
			throws IOException {
		return segmentFolder(new File(input), new File(output), fileFilter, segmenter(model).build(), 1, overwrite, System.out::println,
				Progress.NONE);
	}

	/** Scores a predicted label image against the ground truth: one table row per IoU threshold 0.50…0.95. */
	public static ij.measure.ResultsTable evaluateSegmentation(ImagePlus truth, ImagePlus prediction) {
		return SegmentationEvaluation.table(SegmentationEvaluation.evaluate(truth, prediction));
	}

	/** Every NAME.tif of the truth folder against NAME{suffix} in the prediction folder, counts summed over images. */
	public static ij.measure.ResultsTable evaluateSegmentation(String truthDir, String predictionDir, String suffix) throws IOException {
		return SegmentationEvaluation.table(SegmentationEvaluation.evaluateFolders(new File(truthDir), new File(predictionDir), suffix, System.out::println));
	}

	/** Java, ONNX Runtime, vector kernels, threads and memory, as text. */
	public static String diagnostics() {
		return Diagnostics.report();
	}
}
