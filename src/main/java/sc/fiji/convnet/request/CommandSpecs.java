package sc.fiji.convnet.request;

import static sc.fiji.convnet.request.Option.choice;
import static sc.fiji.convnet.request.Option.file;
import static sc.fiji.convnet.request.Option.flag;
import static sc.fiji.convnet.request.Option.folder;
import static sc.fiji.convnet.request.Option.image;
import static sc.fiji.convnet.request.Option.integer;
import static sc.fiji.convnet.request.Option.number;
import static sc.fiji.convnet.request.Option.text;

import java.util.LinkedHashMap;

import sc.fiji.convnet.explain.StyleTransfer;
import java.util.List;
import java.util.Map;

/**
 * The options of every menu command, by menu label: the one vocabulary of macro keys (= SciJava field names =
 * command-line options). The ImageJ 1.x dialogs are generated from these specs or checked against them by a test.
 */
public final class CommandSpecs {

	/** The explain commands' network: by default the shipped classifier; dialogs list the classification models (issue #19). */
	private static final String EXPLAINED = sc.fiji.convnet.model.ModelTask.CLASSIFICATION.defaultModel();
	private static final Option NETWORK = file("network", "Network (model name, engine file, .onnx or model folder)", EXPLAINED)
			.models(sc.fiji.convnet.model.ModelTask.CLASSIFICATION);
	private static final Option CLASSIFIER = file("classifier", "Classifier (model name or path)", EXPLAINED).models(sc.fiji.convnet.model.ModelTask.CLASSIFICATION);
	private static final Option LAYER = text("layer", "Layer (empty: last convolution)", "").layerOf("network");

	public static final Spec SEGMENT = Spec.of("Segment Nuclei", SegmentRequest.SPEC,
			flag("add", "Add ROIs to the ROI Manager", false), flag("display", "Display results table", true),
			flag("probability", "Probability maps", false));
	public static final Spec BATCH_SEGMENT = Batch.spec("Batch Segment Nuclei", SegmentRequest.SPEC);
	public static final Spec EVALUATE_SEGMENTATION = Spec.of("Evaluate Segmentation", image("ground", "Ground truth labels"),
			image("predicted", "Predicted labels"));
	public static final Spec TRAIN_SEGMENTATION = TrainSegmentationRequest.SPEC;
	public static final Spec DETECT = Spec.of("Detect Objects", DetectRequest.SPEC, flag("add", "Add to ROI Manager", false));
	public static final Spec BATCH_DETECT = Batch.spec("Batch Detect Objects", DetectRequest.SPEC);
	public static final Spec EVALUATE_DETECTION = Spec.of("Evaluate Detection", folder("ground", "Ground truth folder (VOC XML or CSV)"),
			folder("predictions", "Predictions folder (<image>_boxes.csv)"));
	public static final Spec TRAIN_DETECTOR = TrainDetectorRequest.SPEC;
	public static final Spec CLASSIFY = ClassifyRequest.SPEC;
	public static final Spec TRAIN_CLASSIFIER = TrainClassifierRequest.SPEC;
	public static final Spec DIAGNOSTICS = Spec.of("Diagnostics");
	public static final Spec CHECK_MODEL = Spec.of("Check Model", text("model", "Model (name or path)", sc.fiji.convnet.model.ModelTask.SEGMENTATION.defaultModel()));

	public static final Spec CONVOLVE = Spec.of("Convolve", Option.textArea("text1", "Kernel (rows of numbers)", "1 2 1\n2 4 2\n1 2 1"),
			text("kernel", "Kernel from (text, or the title of an open image)", "text"),
			flag("normalize", "Normalize kernel (divide by its sum)", true),
			choice("padding", "Padding", "replicate", List.of("zero", "reflect", "replicate")),
			choice("output", "Output size", "same", List.of("same", "valid")), integer("stride", "Stride", 1),
			flag("across", "Across channels (one multi-channel filter)", false));
	public static final Spec EDGES = Spec.of("Edge Filters", choice("output", "Output", "magnitude", List.of("vertical", "horizontal", "magnitude", "all")));
	public static final Spec GABOR = Spec.of("Gabor Filter Bank", integer("orientations", "Orientations θ (evenly over 0–180°)", 8),
			text("frequencies", "Frequencies ω (radians/pixel, comma list)", "0.785, 1.571"), text("phase", "Phase φ (radians, comma list)", "0"),
			number("alpha", "Alpha α (envelope decay across stripes)", 0.05), number("beta", "Beta β (envelope decay along stripes)", 0.05),
			integer("size", "Size of the kernels", 15), flag("show", "Show the bank (Fig. 10.11)", true));
	public static final Spec POOL = Spec.of("Pool", choice("method", "Method", "max", List.of("max", "average")), integer("size", "Size of the window", 2),
			integer("stride", "Stride", 2));
	public static final Spec UPSAMPLE = Spec.of("Up-sample", choice("method", "Method", "nearest", List.of("nearest", "bilinear")), integer("factor", "Factor", 2));

	public static final Spec GRAD_CAM = SaliencyRequest.SPEC;
	public static final Spec EVALUATE_SALIENCY = Spec.of("Evaluate Saliency", folder("annotations", "Annotations"), folder("maps", "Maps"),
			text("target", "Target class (name)", "WBC").aliases("class", "label"), text("suffix", "Suffix", "_saliency.tif"),
			number("tolerance", "Tolerance", 15));
	public static final Spec OCCLUSION = Spec.of("Occlusion Sensitivity", CLASSIFIER, integer("patch", "Patch size", 16), integer("stride", "Stride", 8),
			integer("batch", "Batch size", 16), number("baseline", "Baseline (NaN = mean)", Double.NaN),
			integer("target", "Target class (-1 = top)", -1).aliases("class", "classIndex"), flag("softmax", "Softmax of the outputs", true),
			number("opacity", "Opacity", 0.5), Normalization.option(Normalization.NONE, Normalization.SALIENCY));
	public static final Spec FIRST_LAYER = Spec.of("First Layer Filters", NETWORK, integer("columns", "Columns (0 = automatic)", 0),
			integer("zoom", "Zoom (0 = automatic)", 0));
	public static final Spec FEATURE_MAPS = Spec.of("Feature Maps", NETWORK, LAYER, Normalization.option(Normalization.NONE, Normalization.SALIENCY));
	public static final Spec FGSM = Spec.of("Adversarial Example (FGSM)", CLASSIFIER, number("epsilon", "Epsilon", 0.01),
			integer("target", "Target class (the true one; -1 = predicted)", -1).aliases("class", "label"),
			Normalization.option(Normalization.NONE, Normalization.SALIENCY));
	public static final Spec DEEP_DREAM = Spec.of("DeepDream", NETWORK, LAYER, integer("iterations", "Iterations per octave", 20),
			number("step", "Step", 0.01), integer("octaves", "Octaves", 3), number("octave", "Octave scale", 1.4), number("smoothing", "Smoothing sigma", 0.5),
			Normalization.option(Normalization.UNIT, Normalization.SALIENCY));
	public static final Spec ACTIVATION_MAXIMIZATION = Spec.of("Activation Maximization", CLASSIFIER,
			integer("target", "Target class", 0).aliases("class", "classIndex"), integer("width", "Width", 64), integer("height", "Height", 64),
			integer("iterations", "Iterations", 200), number("learning", "Learning rate", 1), number("l2", "L2 decay (lambda)", 1e-3),
			integer("blur", "Blur every (steps, 0: never)", 4), number("sigma", "Sigma of the blur", 0.5),
			number("clip", "Clip smallest pixels (fraction)", 0.1));
	public static final Spec TOP_PATCHES = Spec.of("Top Patches", folder("folder", "Folder"), NETWORK, LAYER, integer("channel", "Channel", 0),
			integer("patches", "Patches", 9), integer("size", "Size (0: receptive field)", 0), Normalization.option(Normalization.NONE, Normalization.SALIENCY));
	public static final Spec STYLE_TRANSFER = Spec.of("Style Transfer", image("style", "Style image"), NETWORK, text("content", "Content layer", "").layerOf("network"),
			text("gram", "Gram layers of the style (name:weight, …)", ""), number("alpha", "Alpha (content weight)", StyleTransfer.DEFAULT_ALPHA),
			number("beta", "Beta (style weight)", StyleTransfer.DEFAULT_BETA), number("smoothness", "Smoothness (gamma)", StyleTransfer.DEFAULT_SMOOTHNESS),
			integer("iterations", "Iterations", StyleTransfer.DEFAULT_ITERATIONS), number("learning", "Learning rate (Adam)", StyleTransfer.DEFAULT_LEARNING_RATE),
			flag("start", "Start from noise", false), Normalization.option(Normalization.UNIT, Normalization.SALIENCY));

	private static final Map<String, Spec> BY_COMMAND = new LinkedHashMap<>();
	static {
		for (Spec s : List.of(SEGMENT, BATCH_SEGMENT, EVALUATE_SEGMENTATION, TRAIN_SEGMENTATION, DETECT, BATCH_DETECT, EVALUATE_DETECTION, TRAIN_DETECTOR, CLASSIFY,
				TRAIN_CLASSIFIER, DIAGNOSTICS, CHECK_MODEL, CONVOLVE,
				EDGES, GABOR, POOL, UPSAMPLE, GRAD_CAM, EVALUATE_SALIENCY, OCCLUSION, FIRST_LAYER, FEATURE_MAPS, FGSM, DEEP_DREAM,
				ACTIVATION_MAXIMIZATION, TOP_PATCHES, STYLE_TRANSFER))
			BY_COMMAND.put(s.command(), s);
	}

	private CommandSpecs() {}

	/** The spec of a menu command by its label (as in {@code plugins.config} and the SciJava menu path). */
	public static Spec of(String command) {
		Spec s = BY_COMMAND.get(command);
		if (s == null) throw new IllegalArgumentException("no command '" + command + "'");
		return s;
	}

	public static Map<String, Spec> all() { return Map.copyOf(BY_COMMAND); }
}
