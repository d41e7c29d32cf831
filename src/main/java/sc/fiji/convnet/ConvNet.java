package sc.fiji.convnet;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import sc.fiji.convnet.detect.DetectionEvaluation;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.explain.PointingGame;
import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.ClassifierTrainingRun;
import sc.fiji.convnet.ij.DetectionRun;
import sc.fiji.convnet.ij.DetectionScoresTable;
import sc.fiji.convnet.ij.DetectorTrainingRun;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.ij.ImageSaliency;
import sc.fiji.convnet.ij.ImageSegmentation;
import sc.fiji.convnet.ij.LogLines;
import sc.fiji.convnet.ij.NetworkPictures;
import sc.fiji.convnet.ij.SegmentationEvaluation;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.ij.SegmentationTrainingRun;
import sc.fiji.convnet.ij.TrainingPlot;
import sc.fiji.convnet.model.ModelCheck;
import sc.fiji.convnet.model.ModelTask;
import sc.fiji.convnet.onnx.DjlSetup;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.request.ClassifyRequest;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.request.TrainClassifierRequest;
import sc.fiji.convnet.request.TrainDetectorRequest;
import sc.fiji.convnet.request.TrainSegmentationRequest;
import sc.fiji.convnet.segment.LargeImageSegmenter;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;
import sc.fiji.convnet.segment.train.SegmentationTrainer;

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

	/** The model used when none is named: our shipped nuclei U-Net. */
	public static final String DEFAULT_SEGMENTATION_MODEL = ModelTask.SEGMENTATION.defaultModel();

	private ConvNet() {}

	static {
		DjlSetup.offline();
	}

	/**
	 * A segmentation model by name (shipped or installed) or path, found by the model repository; its ONNX Runtime
	 * session is opened once and kept in the one shared session cache.
	 */
	public static SegmentationModel segmentationModel(String nameOrPath) throws IOException {
		return SegmentationModels.load(nameOrPath == null || nameOrPath.isBlank() ? DEFAULT_SEGMENTATION_MODEL : nameOrPath.trim());
	}

	/** A segmenter builder with the dialog's defaults for the named model. */
	public static NucleiSegmenter.Builder segmenter(String nameOrPath) throws IOException {
		return NucleiSegmenter.builder(segmentationModel(nameOrPath));
	}

	/**
	 * Segments one image as a {@link SegmentRequest} says (every option with its default; Jython:
	 * {@code ConvNet.segment(imp, SegmentRequest.defaults().with("seed", 0.6))}).
	 */
	public static SegmentationOutput segment(ImagePlus imp, SegmentRequest request) throws IOException {
		return segment(imp, request, false, Progress.NONE);
	}

	/** As above; with {@code keepProbabilities} the output also holds the model's probability maps. */
	public static SegmentationOutput segment(ImagePlus imp, SegmentRequest request, boolean keepProbabilities, Progress progress) throws IOException {
		return segment(imp, request.segmenter(), request.channel(), keepProbabilities, progress);
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

	/**
	 * Segments a 2-D image of any size (beyond 2^31 pixels or the heap: a cell image, a file-backed one) block by
	 * block into {@code labels}, the caller's image of the same interval (IntType or UnsignedIntType, possibly
	 * disk-backed), with the decoding settings of {@code settings}; blocks of 2048² with a 128-pixel margin.
	 */
	public static <L extends IntegerType<L>> LargeImageSegmenter.Summary segmentLarge(RandomAccessibleInterval<? extends RealType<?>> image,
			RandomAccessibleInterval<L> labels, NucleiSegmenter.Builder settings, Progress progress) {
		return LargeImageSegmenter.builder(settings).build().segment(image, labels, progress);
	}

	/** As above with the block edge and margin (at least twice the largest nucleus) in pixels. */
	public static <L extends IntegerType<L>> LargeImageSegmenter.Summary segmentLarge(RandomAccessibleInterval<? extends RealType<?>> image,
			RandomAccessibleInterval<L> labels, NucleiSegmenter.Builder settings, int blockSize, int margin, Progress progress) {
		return LargeImageSegmenter.builder(settings).blockSize(blockSize).margin(margin).build().segment(image, labels, progress);
	}

	/** Segments every matching image of a folder into label TIFFs, ROI zips and one measurements CSV. */
	public static FolderRunner.Report segmentFolder(File input, File output, String fileFilter, NucleiSegmenter segmenter,
			int channel, boolean overwrite, Consumer<String> log, Progress progress) throws IOException {
		return new BatchSegmentation(segmenter, channel, overwrite, log).run(input, output, fileFilter, progress);
	}

	/** Jython-friendly short form: default channel, log to standard output, no progress. */
	public static FolderRunner.Report segmentFolder(String input, String output, String fileFilter, String model, boolean overwrite) throws IOException {
		return segmentFolder(input, output, fileFilter, SegmentRequest.defaults().with("model", model), overwrite);
	}

	/** Segments every matching image of a folder as the request says; logs to standard output. */
	public static FolderRunner.Report segmentFolder(String input, String output, String fileFilter, SegmentRequest request, boolean overwrite) throws IOException {
		return segmentFolder(new File(input), new File(output), fileFilter, request.segmenter(), request.channel(), overwrite, System.out::println, Progress.NONE);
	}

	/** Scores a predicted label image against the ground truth: one table row per IoU threshold 0.50…0.95. */
	/**
	 * Trains (by default: fine-tunes the shipped nuclei model for 10 minutes) on annotated images and writes a model
	 * folder that {@link #segment} finds by its name; log lines go to {@code log}, a monitor (e.g.
	 * {@link TrainingPlot}) follows the run. Jython:
	 * {@code ConvNet.trainSegmentation(TrainSegmentationRequest.defaults().with("images", "/data/img").with("labels", "/data/lab"))}.
	 */
	public static SegmentationTrainer.Result trainSegmentation(TrainSegmentationRequest request,
			Consumer<String> log, TrainingLoop.Monitor monitor) throws IOException {
		return SegmentationTrainingRun.run(request, LogLines.to(log), monitor);
	}

	/** The same, with its lines in ImageJ's Log window (standard output when headless) and no plot. */
	public static SegmentationTrainer.Result trainSegmentation(TrainSegmentationRequest request) throws IOException {
		return trainSegmentation(request, defaultLog(), TrainingLoop.Monitor.NONE);
	}

	/**
	 * Trains (by default: fine-tunes the shipped blood-cell detector for 10 minutes) on images with boxes named by class
	 * and writes a model folder that {@link #detectObjects} finds by its name. Jython:
	 * {@code ConvNet.trainDetector(TrainDetectorRequest.defaults().with("images", "/data/img").with("annotations", "/data/xml"))}.
	 */
	public static TrainingSummary trainDetector(TrainDetectorRequest request, Consumer<String> log, TrainingLoop.Monitor monitor) throws IOException {
		return DetectorTrainingRun.run(request, LogLines.to(log), monitor);
	}

	/** The same, with its lines in ImageJ's Log window (standard output when headless) and no plot. */
	public static TrainingSummary trainDetector(TrainDetectorRequest request) throws IOException {
		return trainDetector(request, defaultLog(), TrainingLoop.Monitor.NONE);
	}

	/**
	 * Trains (by default: fine-tunes the shipped cell-type classifier for 10 minutes) on ROIs named by class or on a
	 * folder with one subfolder per class, and writes a model folder that {@link #classify} and Grad-CAM find by its
	 * name. Jython: {@code ConvNet.trainClassifier(TrainClassifierRequest.defaults().with("images", "/data/classes"))}.
	 */
	public static TrainingSummary trainClassifier(TrainClassifierRequest request, Consumer<String> log, TrainingLoop.Monitor monitor) throws IOException {
		return ClassifierTrainingRun.run(request, LogLines.to(log), monitor);
	}

	/** The same, with its lines in ImageJ's Log window (standard output when headless) and no plot. */
	public static TrainingSummary trainClassifier(TrainClassifierRequest request) throws IOException {
		return trainClassifier(request, defaultLog(), TrainingLoop.Monitor.NONE);
	}

	/** ImageJ's Log window, or standard output when headless. */
	private static Consumer<String> defaultLog() {
		return GraphicsEnvironment.isHeadless() ? System.out::println : IJ::log;
	}

	public static ResultsTable evaluateSegmentation(ImagePlus truth, ImagePlus prediction) {
		return SegmentationEvaluation.table(SegmentationEvaluation.evaluate(truth, prediction));
	}

	/** Every NAME.tif of the truth folder against NAME{suffix} in the prediction folder, counts summed over images. */
	public static ResultsTable evaluateSegmentation(String truthDir, String predictionDir, String suffix) throws IOException {
		return SegmentationEvaluation.table(SegmentationEvaluation.evaluateFolders(new File(truthDir), new File(predictionDir), suffix, System.out::println));
	}

	// ---------------------------------------------------------------- detection (Plugins › ConvNet › Detect Objects)

	/**
	 * Detects objects (by default blood cells with {@code bccd-detector}) on the current plane: boxes in the
	 * overlay, optionally in the ROI Manager; returns the boxes with their table and counts per class.
	 * {@code scales} e.g. {@code "1"} or {@code "0.8,1,1.25"}; the other options (views) at their defaults.
	 */
	public static DetectionRun.Output detectObjects(ImagePlus imp, String model, String scales, double scoreThreshold,
			double iouThreshold, boolean addToRoiManager) throws IOException {
		return detectObjects(imp, detectRequest(model, scales, scoreThreshold, iouThreshold), addToRoiManager);
	}

	/** Detects objects as a {@link DetectRequest} says: boxes in the overlay, optionally in the ROI Manager. */
	public static DetectionRun.Output detectObjects(ImagePlus imp, DetectRequest request, boolean addToRoiManager) throws IOException {
		return DetectionRun.run(imp, request.detector(), request.settings(), request.allPlanes(), true, addToRoiManager);
	}

	private static DetectRequest detectRequest(String model, String scales, double scoreThreshold, double iouThreshold) {
		return DetectRequest.defaults().with("model", model).with("scales", scales).with("score", scoreThreshold)
				.with("iou", iouThreshold);
	}

	/**
	 * Detects objects in every image of a folder: {@code <image>_boxes.csv} per image and {@code counts.csv},
	 * exactly as Batch Detect Objects and {@code bin/convnet detect} write them; logs to standard output.
	 */
	public static FolderRunner.Report detectFolder(String input, String output, String fileFilter, String model, String scales,
			double scoreThreshold, double iouThreshold, boolean overwrite) throws IOException {
		return detectFolder(input, output, fileFilter, detectRequest(model, scales, scoreThreshold, iouThreshold), overwrite);
	}

	/** As above with every detection option from a request. */
	public static FolderRunner.Report detectFolder(String input, String output, String fileFilter, DetectRequest request, boolean overwrite) throws IOException {
		return BatchDetection.of(request, overwrite, System.out::println).run(new File(input), new File(output), fileFilter, Progress.NONE);
	}

	/** AP@0.5 per class, mAP and AP@[.5:.95] of {@code <image>_boxes.csv} predictions against VOC XML or CSV ground truth. */
	public static ResultsTable evaluateDetection(String truthDir, String predictionDir) throws IOException {
		return DetectionScoresTable.of(DetectionEvaluation.evaluate(Path.of(truthDir), Path.of(predictionDir)));
	}

	/**
	 * Check Model: inputs and outputs, whether ONNX Runtime loads the model and the engine imports it, their largest
	 * difference on the check input, and the tasks that can use it; {@code print(ConvNet.checkModel("nuclei"))}.
	 */
	public static ModelCheck.Report checkModel(String nameOrPath) {
		return ModelCheck.of(nameOrPath);
	}

	/** Java, ONNX Runtime, vector kernels, threads and memory, as text. */
	public static String diagnostics() {
		return Diagnostics.report();
	}

	// ---------------------------------------------------------------- explain

	/**
	 * Grad-CAM (§10.3.3) of the current plane for a classifier (engine network file or ONNX model); returns the
	 * 32-bit map and, with {@code opacity > 0}, adds a heat map to the image's overlay. {@code layer} empty: the
	 * last convolution; {@code classIndex} −1: the top class; normalization {@code none|0-1|zero mean, unit variance}.
	 */
	public static ImagePlus gradCam(ImagePlus imp, String model, String layer, int classIndex, double opacity, String normalization) throws IOException {
		return ImageSaliency.gradCam(imp, model, layer, classIndex, opacity, normalization);
	}

	/** Grad-CAM as a {@link SaliencyRequest} says (the target class by index or by name). */
	public static ImagePlus gradCam(ImagePlus imp, SaliencyRequest r) throws IOException {
		return gradCam(imp, r.classifier(), r.layer(), r.classIndex(), r.opacity(), r.normalization());
	}

	public static ImagePlus gradCam(ImagePlus imp, String model) throws IOException {
		return gradCam(imp, SaliencyRequest.defaults().with("classifier", model));
	}

	/** Occlusion sensitivity through ONNX Runtime, for models the engine cannot import. */
	public static ImagePlus occlusion(ImagePlus imp, String model, int patch, int stride, int batchSize, double baseline, int classIndex,
			boolean softmax, double opacity, String normalization, Progress progress) {
		return ImageSaliency.occlusion(imp, model, patch, stride, batchSize, baseline, classIndex, softmax, opacity, normalization, progress);
	}

	/**
	 * The pointing game (is each map's maximum within {@code tolerance} pixels of a box of {@code label}) over VOC
	 * annotations and saliency maps named {@code <image><suffix>}; one row in a ResultsTable.
	 */
	public static ResultsTable evaluateSaliency(String annotations, String maps, String label, String suffix, double tolerance) throws IOException {
		PointingGame.Score s = ImageSaliency.pointingGame(annotations, maps, label, suffix, tolerance);
		ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.addValue("Class", s.label());
		t.addValue("Hits", s.hits());
		t.addValue("Images", s.total());
		t.addValue("Missing maps", s.missing());
		t.addValue("Pointing game", s.accuracy());
		t.addValue("Tolerance", tolerance);
		return t;
	}

	/** The first convolutional layer's kernels as a montage (Bishop §10.3.2); {@code columns} 0: one row per filter. */
	public static ImagePlus firstLayerFilters(String model, int columns, int scale) throws IOException {
		return NetworkPictures.firstLayerFilters(model, columns, scale);
	}

	/** The feature maps of {@code layer} for the image's current plane, a slice per channel. */
	public static ImagePlus featureMaps(ImagePlus imp, String model, String layer, String normalization) throws IOException {
		return NetworkPictures.featureMaps(imp, model, layer, normalization);
	}

	/** FGSM (eq. 10.11): x' = x + ε·sign(∇ₓE); {@code label} −1: the predicted class. */
	public static NetworkPictures.FgsmOutput fgsm(ImagePlus imp, String model, double epsilon, int label, String normalization) throws IOException {
		return NetworkPictures.fgsm(imp, model, epsilon, label, normalization);
	}

	/** DeepDream (eq. 10.12) on {@code layer} (empty: the last convolution). */
	public static ImagePlus deepDream(ImagePlus imp, String model, String layer, int iterations, double step, int octaves, double octaveScale, double smoothing,
			String normalization, Progress progress) throws IOException {
		return NetworkPictures.deepDream(imp, model, layer, iterations, step, octaves, octaveScale, smoothing, normalization, progress);
	}

	/** Activation maximization of a class pre-activation with L2 decay, periodic blur and small-pixel clipping. */
	public static ImagePlus activationMaximization(String model, int classIndex, int height, int width, int iterations, double learningRate, double l2,
			int blurEvery, double blurSigma, double clipFraction, Progress progress) throws IOException {
		return NetworkPictures.activationMaximization(model, classIndex, height, width, iterations, learningRate, l2, blurEvery, blurSigma, clipFraction, progress);
	}

	/** The top-k patches of a folder's images that most activate a channel of a layer, as a montage (Fig. 10.13). */
	public static ImagePlus topPatches(String folder, String model, String layer, int channel, int k, int size, String normalization, Progress progress)
			throws IOException {
		return NetworkPictures.topPatches(folder, model, layer, channel, k, size, normalization, progress == null ? Progress.NONE : progress);
	}

	/**
	 * Neural style transfer (eqs. 10.13–10.17) with a smoothness weight γ; {@code styleLayers} as {@code "relu1:0.5, relu2:1"}
	 * ({@code "input"}: the image's colours; empty: the colours and every convolution before the content layer).
	 */
	public static ImagePlus styleTransfer(ImagePlus content, ImagePlus style, String model, String contentLayer, String styleLayers, double alpha, double beta,
			double smoothness, int iterations, double learningRate, boolean fromNoise, String normalization, Progress progress) throws IOException {
		return NetworkPictures.styleTransfer(content, style, model, contentLayer, styleLayers, alpha, beta, smoothness, iterations, learningRate, fromNoise,
				normalization, progress);
	}

	/** Grad-CAM of every image of a folder, as {@code <image>_saliency.tif} in {@code output} (for the pointing game); returns the count written. */
	public static int gradCamFolder(String input, String output, String model, String layer, int classIndex, String normalization, boolean overwrite)
			throws IOException {
		return ImageSaliency.gradCamFolder(input, output, model, layer, classIndex, normalization, overwrite, System.out::println, Progress.NONE).processed.size();
	}

	/** Classify: the top-k classes of the whole image, one ResultsTable row (class names from the model's bioimageio.yaml). */
	public static ResultsTable classify(ImagePlus imp, String model, int k, String normalization) throws IOException {
		return ImageClassification.image(imp, model, k, normalization);
	}

	/** Classify as a {@link ClassifyRequest} says: the whole image, each ROI or a sliding window. */
	public static ImageClassification.Result classify(ImagePlus imp, ClassifyRequest request) throws IOException {
		return ImageClassification.run(imp, request);
	}

	/** Classify: the top-k classes of each ROI (ROI Manager, else overlay), from the crop of its bounds. */
	public static ResultsTable classifyRois(ImagePlus imp, String model, int k, String normalization) throws IOException {
		return ImageClassification.rois(imp, model, k, normalization);
	}

	/** Classify: the top class of every window (a class map and its table). */
	public static ImageClassification.ClassMap classMap(ImagePlus imp, String model, int window, int stride, String normalization) throws IOException {
		return ImageClassification.slidingWindow(imp, model, window, stride, normalization);
	}
}
