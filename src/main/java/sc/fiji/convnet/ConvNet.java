package sc.fiji.convnet;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.ij.ImageFilters;
import sc.fiji.convnet.ij.ImageSegmentation;
import sc.fiji.convnet.ij.SegmentationEvaluation;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.LargeImageSegmenter;
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

	/** The model used when none is named: our shipped nuclei U-Net. */
	public static final String DEFAULT_SEGMENTATION_MODEL = sc.fiji.convnet.model.ModelTask.SEGMENTATION.defaultModel();

	private ConvNet() {}

	static {
		sc.fiji.convnet.onnx.DjlSetup.offline();
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
	 * Segments one image as a {@link sc.fiji.convnet.request.SegmentRequest} says (every option with its default; Jython:
	 * {@code ConvNet.segment(imp, SegmentRequest.defaults().with("seed", 0.6))}).
	 */
	public static SegmentationOutput segment(ImagePlus imp, sc.fiji.convnet.request.SegmentRequest request) throws IOException {
		return segment(imp, request, false, Progress.NONE);
	}

	/** As above; with {@code keepProbabilities} the output also holds the model's probability maps. */
	public static SegmentationOutput segment(ImagePlus imp, sc.fiji.convnet.request.SegmentRequest request, boolean keepProbabilities, Progress progress)
			throws IOException {
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
	public static sc.fiji.convnet.ij.FolderRunner.Report segmentFolder(File input, File output, String fileFilter, NucleiSegmenter segmenter,
			int channel, boolean overwrite, Consumer<String> log, Progress progress) throws IOException {
		return new BatchSegmentation(segmenter, channel, overwrite, log).run(input, output, fileFilter, progress);
	}

	/** Jython-friendly short form: default channel, log to standard output, no progress. */
	public static sc.fiji.convnet.ij.FolderRunner.Report segmentFolder(String input, String output, String fileFilter, String model, boolean overwrite)
			throws IOException {
		return segmentFolder(input, output, fileFilter, sc.fiji.convnet.request.SegmentRequest.defaults().with("model", model), overwrite);
	}

	/** Segments every matching image of a folder as the request says; logs to standard output. */
	public static sc.fiji.convnet.ij.FolderRunner.Report segmentFolder(String input, String output, String fileFilter, sc.fiji.convnet.request.SegmentRequest request,
			boolean overwrite) throws IOException {
		return segmentFolder(new File(input), new File(output), fileFilter, request.segmenter(), request.channel(), overwrite, System.out::println,
				Progress.NONE);
	}

	/** Scores a predicted label image against the ground truth: one table row per IoU threshold 0.50…0.95. */
	/**
	 * Trains (by default: fine-tunes the shipped nuclei model for 10 minutes) on annotated images and writes a model
	 * folder that {@link #segment} finds by its name; log lines go to {@code log}, a monitor (e.g.
	 * {@link sc.fiji.convnet.ij.TrainingPlot}) follows the run. Jython:
	 * {@code ConvNet.trainSegmentation(TrainSegmentationRequest.defaults().with("images", "/data/img").with("labels", "/data/lab"))}.
	 */
	public static sc.fiji.convnet.segment.train.SegmentationTrainer.Result trainSegmentation(sc.fiji.convnet.request.TrainSegmentationRequest request,
			java.util.function.Consumer<String> log, sc.fiji.convnet.engine.optim.TrainingLoop.Monitor monitor) throws IOException {
		return sc.fiji.convnet.ij.SegmentationTrainingRun.run(request, sc.fiji.convnet.ij.LogLines.to(log), monitor);
	}

	/** The same, with its lines in ImageJ's Log window (standard output when headless) and no plot. */
	public static sc.fiji.convnet.segment.train.SegmentationTrainer.Result trainSegmentation(sc.fiji.convnet.request.TrainSegmentationRequest request)
			throws IOException {
		return trainSegmentation(request, defaultLog(), sc.fiji.convnet.engine.optim.TrainingLoop.Monitor.NONE);
	}

	/**
	 * Trains (by default: fine-tunes the shipped blood-cell detector for 10 minutes) on images with boxes named by class
	 * and writes a model folder that {@link #detectObjects} finds by its name. Jython:
	 * {@code ConvNet.trainDetector(TrainDetectorRequest.defaults().with("images", "/data/img").with("annotations", "/data/xml"))}.
	 */
	public static sc.fiji.convnet.engine.optim.TrainingSummary trainDetector(sc.fiji.convnet.request.TrainDetectorRequest request,
			java.util.function.Consumer<String> log, sc.fiji.convnet.engine.optim.TrainingLoop.Monitor monitor) throws IOException {
		return sc.fiji.convnet.ij.DetectorTrainingRun.run(request, sc.fiji.convnet.ij.LogLines.to(log), monitor);
	}

	/** The same, with its lines in ImageJ's Log window (standard output when headless) and no plot. */
	public static sc.fiji.convnet.engine.optim.TrainingSummary trainDetector(sc.fiji.convnet.request.TrainDetectorRequest request) throws IOException {
		return trainDetector(request, defaultLog(), sc.fiji.convnet.engine.optim.TrainingLoop.Monitor.NONE);
	}

	/**
	 * Trains (by default: fine-tunes the shipped cell-type classifier for 10 minutes) on ROIs named by class or on a
	 * folder with one subfolder per class, and writes a model folder that {@link #classify} and Grad-CAM find by its
	 * name. Jython: {@code ConvNet.trainClassifier(TrainClassifierRequest.defaults().with("images", "/data/classes"))}.
	 */
	public static sc.fiji.convnet.engine.optim.TrainingSummary trainClassifier(sc.fiji.convnet.request.TrainClassifierRequest request,
			java.util.function.Consumer<String> log, sc.fiji.convnet.engine.optim.TrainingLoop.Monitor monitor) throws IOException {
		return sc.fiji.convnet.ij.ClassifierTrainingRun.run(request, sc.fiji.convnet.ij.LogLines.to(log), monitor);
	}

	/** The same, with its lines in ImageJ's Log window (standard output when headless) and no plot. */
	public static sc.fiji.convnet.engine.optim.TrainingSummary trainClassifier(sc.fiji.convnet.request.TrainClassifierRequest request) throws IOException {
		return trainClassifier(request, defaultLog(), sc.fiji.convnet.engine.optim.TrainingLoop.Monitor.NONE);
	}

	/** ImageJ's Log window, or standard output when headless. */
	private static java.util.function.Consumer<String> defaultLog() {
		return java.awt.GraphicsEnvironment.isHeadless() ? System.out::println : ij.IJ::log;
	}

	public static ij.measure.ResultsTable evaluateSegmentation(ImagePlus truth, ImagePlus prediction) {
		return SegmentationEvaluation.table(SegmentationEvaluation.evaluate(truth, prediction));
	}

	/** Every NAME.tif of the truth folder against NAME{suffix} in the prediction folder, counts summed over images. */
	public static ij.measure.ResultsTable evaluateSegmentation(String truthDir, String predictionDir, String suffix) throws IOException {
		return SegmentationEvaluation.table(SegmentationEvaluation.evaluateFolders(new File(truthDir), new File(predictionDir), suffix, System.out::println));
	}

	// ---------------------------------------------------------------- detection (Plugins › ConvNet › Detect Objects)

	/**
	 * Detects objects (by default blood cells with {@code bccd-detector}) on the current plane: boxes in the
	 * overlay, optionally in the ROI Manager; returns the boxes with their table and counts per class.
	 * {@code scales} e.g. {@code "1"} or {@code "0.8,1,1.25"}.
	 */
	public static sc.fiji.convnet.ij.DetectionRun.Output detectObjects(ImagePlus imp, String model, String scales, double scoreThreshold,
			double iouThreshold, boolean addToRoiManager) throws IOException {
		return detectObjects(imp, detectRequest(model, scales, scoreThreshold, iouThreshold), addToRoiManager);
	}

	/** Detects objects as a {@link sc.fiji.convnet.request.DetectRequest} says: boxes in the overlay, optionally in the ROI Manager. */
	public static sc.fiji.convnet.ij.DetectionRun.Output detectObjects(ImagePlus imp, sc.fiji.convnet.request.DetectRequest request, boolean addToRoiManager)
			throws IOException {
		return sc.fiji.convnet.ij.DetectionRun.run(imp, request.detector(), request.settings(), true, addToRoiManager);
	}

	private static sc.fiji.convnet.request.DetectRequest detectRequest(String model, String scales, double scoreThreshold, double iouThreshold) {
		return sc.fiji.convnet.request.DetectRequest.defaults().with("model", model).with("scales", scales).with("score", scoreThreshold)
				.with("iou", iouThreshold);
	}

	/**
	 * Detects objects in every image of a folder: {@code <image>_boxes.csv} per image and {@code counts.csv},
	 * exactly as Batch Detect Objects and {@code bin/convnet detect} write them; logs to standard output.
	 */
	public static sc.fiji.convnet.ij.FolderRunner.Report detectFolder(String input, String output, String fileFilter, String model, String scales,
			double scoreThreshold, double iouThreshold, boolean overwrite) throws IOException {
		return detectFolder(input, output, fileFilter, detectRequest(model, scales, scoreThreshold, iouThreshold), overwrite);
	}

	/** As above with every detection option from a request. */
	public static sc.fiji.convnet.ij.FolderRunner.Report detectFolder(String input, String output, String fileFilter,
			sc.fiji.convnet.request.DetectRequest request, boolean overwrite) throws IOException {
		return sc.fiji.convnet.ij.BatchDetection.of(request, overwrite, System.out::println).run(new File(input), new File(output), fileFilter, Progress.NONE);
	}

	/** AP@0.5 per class, mAP and AP@[.5:.95] of {@code <image>_boxes.csv} predictions against VOC XML or CSV ground truth. */
	public static ij.measure.ResultsTable evaluateDetection(String truthDir, String predictionDir) throws IOException {
		return sc.fiji.convnet.ij.DetectionScoresTable.of(sc.fiji.convnet.detect.DetectionEvaluation.evaluate(java.nio.file.Path.of(truthDir),
				java.nio.file.Path.of(predictionDir)));
	}

	/**
	 * Check Model: inputs and outputs, whether ONNX Runtime loads the model and the engine imports it, their largest
	 * difference on the check input, and the tasks that can use it; {@code print(ConvNet.checkModel("nuclei"))}.
	 */
	public static sc.fiji.convnet.model.ModelCheck.Report checkModel(String nameOrPath) {
		return sc.fiji.convnet.model.ModelCheck.of(nameOrPath);
	}

	/** Java, ONNX Runtime, vector kernels, threads and memory, as text. */
	public static String diagnostics() {
		return Diagnostics.report();
	}

	// ---------------------------------------------------------------- filters (Plugins › ConvNet › Filters)

	/**
	 * Convolves every plane with a kernel typed as rows of numbers ({@code "-1 0 1; -2 0 2; -1 0 1"}):
	 * padding {@code zero|reflect|replicate}, output {@code same|valid}; with {@code acrossChannels} all
	 * channels form one multi-channel filter (one kernel for all, or one per channel separated by {@code ---}).
	 * A new 32-bit image; the input is not modified.
	 */
	public static ImagePlus convolve(ImagePlus imp, String kernel, boolean normalize, String padding, String output, int stride,
			boolean acrossChannels, Progress progress) {
		return ImageFilters.convolve(imp, kernel, normalize, FilterChoices.padding(padding), FilterChoices.outputSize(output), stride,
				acrossChannels, progress);
	}

	public static ImagePlus convolve(ImagePlus imp, String kernel, boolean normalize, String padding, String output, int stride,
			boolean acrossChannels) {
		return convolve(imp, kernel, normalize, padding, output, stride, acrossChannels, Progress.NONE);
	}

	/** The kernel as typed, replicated borders, same size, stride 1, every plane (ImageJ Convolver's geometry). */
	public static ImagePlus convolve(ImagePlus imp, String kernel) {
		return convolve(imp, kernel, false, "replicate", "same", 1, false);
	}

	/** Edge maps of eqs. 10.3/10.4: {@code vertical|horizontal} (signed), {@code magnitude} or {@code all}. */
	public static ImagePlus edges(ImagePlus imp, String which, Progress progress) {
		return ImageFilters.edges(imp, FilterChoices.edgeOutput(which), progress);
	}

	public static ImagePlus edges(ImagePlus imp, String which) {
		return edges(imp, which, Progress.NONE);
	}

	/** A bank of every θ (evenly spread over [0, π)) × ω × φ, sharing α, β and the kernel size. */
	public static GaborBank gaborBank(int orientations, double[] frequencies, double[] phases, double alpha, double beta, int size) {
		return GaborBank.builder().orientations(GaborBank.evenOrientations(orientations)).frequencies(frequencies).phases(phases)
				.alpha(alpha).beta(beta).size(size).build();
	}

	/** One feature map per filter of the bank, as a labelled stack (channels of a hyperstack). */
	public static ImagePlus gaborBank(ImagePlus imp, GaborBank bank, Progress progress) {
		return ImageFilters.gaborBank(imp, bank, progress);
	}

	public static ImagePlus gaborBank(ImagePlus imp, GaborBank bank) {
		return gaborBank(imp, bank, Progress.NONE);
	}

	/** The bank as one picture (Fig. 10.11). */
	public static ImagePlus gaborMontage(GaborBank bank) {
		return ImageFilters.gaborMontage(bank);
	}

	/** {@code max|average} pooling of every plane over size×size windows, {@code stride} apart. */
	public static ImagePlus pool(ImagePlus imp, String mode, int size, int stride, Progress progress) {
		return ImageFilters.pool(imp, FilterChoices.poolMode(mode), size, stride, progress);
	}

	public static ImagePlus pool(ImagePlus imp, String mode, int size, int stride) {
		return pool(imp, mode, size, stride, Progress.NONE);
	}

	/** {@code nearest|bilinear} up-sampling of every plane by an integer factor. */
	public static ImagePlus upsample(ImagePlus imp, String method, int factor, Progress progress) {
		return ImageFilters.upsample(imp, FilterChoices.upsampleMethod(method), factor, progress);
	}

	public static ImagePlus upsample(ImagePlus imp, String method, int factor) {
		return upsample(imp, method, factor, Progress.NONE);
	}

	// ---------------------------------------------------------------- explain

	/**
	 * Grad-CAM (§10.3.3) of the current plane for a classifier (engine network file or ONNX model); returns the
	 * 32-bit map and, with {@code opacity > 0}, adds a heat map to the image's overlay. {@code layer} empty: the
	 * last convolution; {@code classIndex} −1: the top class; normalization {@code none|0-1|zero mean, unit variance}.
	 */
	public static ImagePlus gradCam(ImagePlus imp, String model, String layer, int classIndex, double opacity, String normalization) throws IOException {
		return sc.fiji.convnet.ij.ImageSaliency.gradCam(imp, model, layer, classIndex, opacity, normalization);
	}

	/** Grad-CAM as a {@link sc.fiji.convnet.request.SaliencyRequest} says (the target class by index or by name). */
	public static ImagePlus gradCam(ImagePlus imp, sc.fiji.convnet.request.SaliencyRequest r) throws IOException {
		return gradCam(imp, r.classifier(), r.layer(), r.classIndex(), r.opacity(), r.normalization());
	}

	public static ImagePlus gradCam(ImagePlus imp, String model) throws IOException {
		return gradCam(imp, sc.fiji.convnet.request.SaliencyRequest.defaults().with("classifier", model));
	}

	/** Occlusion sensitivity through ONNX Runtime, for models the engine cannot import. */
	public static ImagePlus occlusion(ImagePlus imp, String model, int patch, int stride, int batchSize, double baseline, int classIndex,
			boolean softmax, double opacity, String normalization, Progress progress) {
		return sc.fiji.convnet.ij.ImageSaliency.occlusion(imp, model, patch, stride, batchSize, baseline, classIndex, softmax, opacity, normalization, progress);
	}

	/**
	 * The pointing game (is each map's maximum within {@code tolerance} pixels of a box of {@code label}) over VOC
	 * annotations and saliency maps named {@code <image><suffix>}; one row in a ResultsTable.
	 */
	public static ij.measure.ResultsTable evaluateSaliency(String annotations, String maps, String label, String suffix, double tolerance) throws IOException {
		sc.fiji.convnet.explain.PointingGame.Score s = sc.fiji.convnet.ij.ImageSaliency.pointingGame(annotations, maps, label, suffix, tolerance);
		ij.measure.ResultsTable t = new ij.measure.ResultsTable();
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
		return sc.fiji.convnet.ij.NetworkPictures.firstLayerFilters(model, columns, scale);
	}

	/** The feature maps of {@code layer} for the image's current plane, a slice per channel. */
	public static ImagePlus featureMaps(ImagePlus imp, String model, String layer, String normalization) throws IOException {
		return sc.fiji.convnet.ij.NetworkPictures.featureMaps(imp, model, layer, normalization);
	}

	/** FGSM (eq. 10.11): x' = x + ε·sign(∇ₓE); {@code label} −1: the predicted class. */
	public static sc.fiji.convnet.ij.NetworkPictures.FgsmOutput fgsm(ImagePlus imp, String model, double epsilon, int label, String normalization) throws IOException {
		return sc.fiji.convnet.ij.NetworkPictures.fgsm(imp, model, epsilon, label, normalization);
	}

	/** DeepDream (eq. 10.12) on {@code layer} (empty: the last convolution). */
	public static ImagePlus deepDream(ImagePlus imp, String model, String layer, int iterations, double step, int octaves, double octaveScale, double smoothing,
			String normalization, Progress progress) throws IOException {
		return sc.fiji.convnet.ij.NetworkPictures.deepDream(imp, model, layer, iterations, step, octaves, octaveScale, smoothing, normalization, progress);
	}

	/** Activation maximization of a class pre-activation with L2 decay, periodic blur and small-pixel clipping. */
	public static ImagePlus activationMaximization(String model, int classIndex, int height, int width, int iterations, double learningRate, double l2,
			int blurEvery, double blurSigma, double clipFraction, Progress progress) throws IOException {
		return sc.fiji.convnet.ij.NetworkPictures.activationMaximization(model, classIndex, height, width, iterations, learningRate, l2, blurEvery, blurSigma,
				clipFraction, progress);
	}

	/** The top-k patches of a folder's images that most activate a channel of a layer, as a montage (Fig. 10.13). */
	public static ImagePlus topPatches(String folder, String model, String layer, int channel, int k, int size, String normalization, Progress progress)
			throws IOException {
		return sc.fiji.convnet.ij.NetworkPictures.topPatches(folder, model, layer, channel, k, size, normalization, progress == null ? Progress.NONE : progress);
	}

	/** Neural style transfer (eqs. 10.13–10.17); {@code styleLayers} as {@code "relu1:0.5, relu2:1"}. */
	public static ImagePlus styleTransfer(ImagePlus content, ImagePlus style, String model, String contentLayer, String styleLayers, double alpha, double beta,
			int iterations, double learningRate, boolean fromNoise, String normalization, Progress progress) throws IOException {
		return sc.fiji.convnet.ij.NetworkPictures.styleTransfer(content, style, model, contentLayer, styleLayers, alpha, beta, iterations, learningRate, fromNoise,
				normalization, progress);
	}

	/** Grad-CAM of every image of a folder, as {@code <image>_saliency.tif} in {@code output} (for the pointing game); returns the count written. */
	public static int gradCamFolder(String input, String output, String model, String layer, int classIndex, String normalization, boolean overwrite)
			throws IOException {
		return sc.fiji.convnet.ij.ImageSaliency.gradCamFolder(input, output, model, layer, classIndex, normalization, overwrite, System.out::println,
				Progress.NONE).processed.size();
	}

	/** Classify: the top-k classes of the whole image, one ResultsTable row (class names from the model's bioimageio.yaml). */
	public static ij.measure.ResultsTable classify(ImagePlus imp, String model, int k, String normalization) throws IOException {
		return sc.fiji.convnet.ij.ImageClassification.image(imp, model, k, normalization);
	}

	/** Classify as a {@link sc.fiji.convnet.request.ClassifyRequest} says: the whole image, each ROI or a sliding window. */
	public static sc.fiji.convnet.ij.ImageClassification.Result classify(ImagePlus imp, sc.fiji.convnet.request.ClassifyRequest request) throws IOException {
		return sc.fiji.convnet.ij.ImageClassification.run(imp, request);
	}

	/** Classify: the top-k classes of each ROI (ROI Manager, else overlay), from the crop of its bounds. */
	public static ij.measure.ResultsTable classifyRois(ImagePlus imp, String model, int k, String normalization) throws IOException {
		return sc.fiji.convnet.ij.ImageClassification.rois(imp, model, k, normalization);
	}

	/** Classify: the top class of every window (a class map and its table). */
	public static sc.fiji.convnet.ij.ImageClassification.ClassMap classMap(ImagePlus imp, String model, int window, int stride, String normalization)
			throws IOException {
		return sc.fiji.convnet.ij.ImageClassification.slidingWindow(imp, model, window, stride, normalization);
	}
}
