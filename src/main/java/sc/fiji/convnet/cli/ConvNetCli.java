package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.util.Set;

import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.io.AtomicFiles;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.NucleiSegmenter;

/**
 * The headless command line ({@code bin/convnet COMMAND [options]}) for batch work on servers.
 * Exit codes: 0 success, 1 some inputs failed, 2 wrong usage, 3 the run could not start.
 */
public final class ConvNetCli {

	private ConvNetCli() {}

	/** The classifier {@code saliency} and {@code classify} use when none is named. */
	static final String CLASSIFIER = ModelTask.CLASSIFICATION.defaultModel();

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet COMMAND [options]",
			"",
			"Commands:",
			"  segment       segment nuclei in every image of a folder (or one file)",
			"  classify      the top-k classes of every image of a folder, one CSV row per image",
			"  saliency      Grad-CAM heat maps of every image of a folder: <image>_saliency.tif (32-bit, the input's size)",
			"  evaluate-saliency  the pointing game of <image>_saliency.tif maps against VOC boxes of one class",
			"  evaluate-segmentation  score predicted label images against ground truth (AP, precision, recall, F1 at IoU 0.5–0.95)",
			"  train-nuclei  train the nuclei U-Net with the engine on the nuclei-dsb2018 data (reproducible with --seed)",
			"  export-nuclei write a trained nuclei network as models/<name>/ (ONNX + bioimage.io description)",
			"  detect        find objects (e.g. blood cells) in every image of a folder: <image>_boxes.csv + counts.csv",
			"  evaluate-detection  score <image>_boxes.csv against VOC XML or CSV ground truth (AP@0.5 per class, mAP, AP@[.5:.95])",
			"  train-detector  train the blood-cell grid detector with the engine on BCCD (reports val mAP@0.5; --export DIR)",
			"  export-detector  write a trained detector as models/<name>/ (ONNX + bioimage.io description)",
			"  train-classifier  train the BCCD cell-type classifier (RBC, WBC, Platelets, background) for Grad-CAM (--export DIR)",
			"  diagnostics   Java, ONNX Runtime natives, vector kernels, threads, heap",
			"  help          this text; 'bin/convnet COMMAND --help' for a command's options",
			"");

	static final String SEGMENT_USAGE = String.join("\n",
			"Usage: bin/convnet segment --input DIR|FILE --output DIR [options]",
			"",
			"Writes <image>_labels.tif (16-bit labels, 32-bit past 65,535 objects), <image>_rois.zip (ImageJ ROI set) and",
			"<image>_measurements.csv per image, and measurements.csv (one row per object, rebuilt from the per-image tables",
			"at the end of every run) into the output folder. Every file is written to a temporary name and renamed when",
			"complete; a journal (.convnet-journal.jsonl) lets a rerun skip exactly the images whose outputs are complete and",
			"current and redo the rest. Unreadable files and non-images are reported; exit code 1 when any image failed.",
			"<image> is the file name without extension, or with it when two inputs share that name (a.tif_labels.tif).",
			"",
			"Options:",
			"  --input DIR|FILE      folder of images, or one image file (required)",
			"  --output DIR          folder for the results; created when missing (required)",
			"  --model NAME|PATH     a shipped or installed model's name, or a path to a model folder, descriptor or .onnx",
			"                        (default: " + ConvNet.DEFAULT_SEGMENTATION_MODEL + ")",
			"  --filter GLOB         which files of the folder to process, e.g. '*.tif' (default: every file)",
			"  --channel N           1-based channel holding the nuclei (default: 1)",
			"  --threshold P         foreground probability threshold in (0,1) (default: " + NucleiSegmenter.DEFAULT_THRESHOLD + ")",
			"  --seed-threshold P    interior probability that seeds a nucleus (default: " + NucleiSegmenter.DEFAULT_SEED_THRESHOLD + ")",
			"  --views N             average the network over N = 1, 2, 4 or 8 flipped/rotated views (default: "
					+ NucleiSegmenter.DEFAULT_VIEWS + ")",
			"  --diameter PX         nucleus diameter in pixels; the image is rescaled to the model's training scale (default: 0 = found in each image)",
			"  --min-area PX         smallest object kept, in pixels (default: " + NucleiSegmenter.DEFAULT_MIN_AREA + ")",
			"  --max-area PX         largest object kept, in pixels (default: no limit)",
			"  --tile PX             largest tile edge for prediction, halo included (default: 0 = automatic, one tile up to 2048×2048 px)",
			"  --threads N           worker threads (default: all processors)",
			"  --overwrite           redo every image, even those the journal shows up to date",
			"  --help                this text",
			"");

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one command; returns the exit code instead of exiting (tests call this). */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
			out.print(USAGE);
			return args.length == 0 ? 2 : 0;
		}
		String command = args[0];
		try {
			switch (command) {
				case "segment": return segment(args, out, err);
				case "evaluate-segmentation": return evaluateSegmentation(args, out);
				case "classify": return ClassifyCli.run(args, out);
				case "saliency": return saliency(args, out);
				case "evaluate-saliency": return evaluateSaliency(args, out);
				case "train-nuclei": return TrainNuclei.run(args, out);
				case "export-nuclei": return TrainNuclei.export(args, out);
				case "detect": return DetectCli.detect(args, out, err);
				case "evaluate-detection": return DetectCli.evaluate(args, out);
				case "train-detector": return TrainDetector.run(args, out);
				case "export-detector": return TrainDetector.export(args, out);
				case "train-classifier": return TrainClassifier.run(args, out);
				case "diagnostics": out.print(ConvNet.diagnostics()); return 0;
				default:
					err.println("convnet: unknown command '" + command + "'");
					err.print(USAGE);
					return 2;
			}
		} catch (Options.UsageException e) {
			err.println("convnet " + command + ": " + e.getMessage() + " (see 'bin/convnet " + command + " --help')");
			return 2;
		} catch (Exception e) {
			err.println("convnet " + command + ": " + e.getMessage());
			return 3;
		}
	}

	private static boolean isHelp(String a) { return a.equals("--help") || a.equals("-h"); }

	private static int segment(String[] args, PrintStream out, PrintStream err) throws Exception {
		if (args.length > 1 && isHelp(args[1])) { out.print(SEGMENT_USAGE); return 0; }
		Options o = new Options(args, 1,
				Set.of("input", "output", "model", "filter", "channel", "threshold", "seed-threshold", "diameter", "min-area", "max-area",
						"tile", "threads", "views"),
				Set.of("overwrite", "help"));
		if (o.flag("help")) { out.print(SEGMENT_USAGE); return 0; }
		File input = new File(o.require("input"));
		File output = new File(o.require("output"));
		if (!input.exists()) throw new Options.UsageException("input " + input + " does not exist");
		setThreads(o);
		NucleiSegmenter segmenter = ConvNet.segmenter(o.get("model", ConvNet.DEFAULT_SEGMENTATION_MODEL))
				.threshold(o.number("threshold", NucleiSegmenter.DEFAULT_THRESHOLD))
				.seedThreshold(o.number("seed-threshold", NucleiSegmenter.DEFAULT_SEED_THRESHOLD))
				.views(o.integer("views", NucleiSegmenter.DEFAULT_VIEWS))
				.diameter(o.number("diameter", 0))
				.minArea(o.integer("min-area", NucleiSegmenter.DEFAULT_MIN_AREA))
				.maxArea(o.integer("max-area", Integer.MAX_VALUE))
				.tileSize(o.integer("tile", 0))
				.build();
		String filter = o.get("filter", "*");
		File folder = input;
		if (input.isFile()) { folder = input.getAbsoluteFile().getParentFile(); filter = input.getName(); }
		FolderRunner.Report report = ConvNet.segmentFolder(folder, output, filter, segmenter, o.integer("channel", 1), o.flag("overwrite"),
				out::println, Progress.NONE);
		out.println(report);
		return report.exitCode();
	}

	static final String EVALUATE_USAGE = String.join("\n",
			"Usage: bin/convnet evaluate-segmentation --truth DIR --prediction DIR [--suffix _labels.tif] [--csv FILE]",
			"",
			"Matches the objects of every NAME.tif in --truth with NAME<suffix> in --prediction (one-to-one, IoU ≥ threshold)",
			"and prints AP = TP/(TP+FP+FN), precision, recall, F1 and the mean IoU of matched pairs at IoU 0.50, 0.55, …, 0.95,",
			"with TP, FP and FN summed over all images. A missing prediction counts as nothing found.",
			"",
			"Options:",
			"  --truth DIR        ground-truth label images, NAME.tif (required)",
			"  --prediction DIR   predicted label images, NAME<suffix> (required)",
			"  --suffix TEXT      file name ending of the predictions (default: _labels.tif)",
			"  --csv FILE         also write the table as CSV (a new file; an existing one is kept unless --overwrite)",
			"  --overwrite        replace an existing --csv file",
			"");

	private static int evaluateSegmentation(String[] args, PrintStream out) throws Exception {
		if (args.length > 1 && isHelp(args[1])) { out.print(EVALUATE_USAGE); return 0; }
		Options o = new Options(args, 1, Set.of("truth", "prediction", "suffix", "csv"), Set.of("overwrite", "help"));
		if (o.flag("help")) { out.print(EVALUATE_USAGE); return 0; }
		File truth = new File(o.require("truth")), prediction = new File(o.require("prediction"));
		if (!truth.isDirectory()) throw new Options.UsageException("--truth " + truth + " is not a folder");
		if (!prediction.isDirectory()) throw new Options.UsageException("--prediction " + prediction + " is not a folder");
		sc.fiji.convnet.segment.SegmentationMetrics m = sc.fiji.convnet.ij.SegmentationEvaluation.evaluateFolders(truth, prediction,
				o.get("suffix", "_labels.tif"), out::println);
		out.println(m.images() + " images");
		for (String line : sc.fiji.convnet.ij.SegmentationEvaluation.lines(m)) out.println(line);
		String csv = o.get("csv", null);
		if (csv != null) {
			File f = new File(csv);
			if (f.exists() && !o.flag("overwrite")) throw new java.io.IOException(f + " exists; add --overwrite to replace it");
			byte[] bytes = sc.fiji.convnet.ij.Tables.csv(sc.fiji.convnet.ij.SegmentationEvaluation.table(m), 4);
			AtomicFiles.write(f.toPath(), stream -> stream.write(bytes));
		}
		return 0;
	}

	static final String SALIENCY_USAGE = String.join("\n",
			"Usage: bin/convnet saliency --input DIR --output DIR [--model NAME|PATH] [options]",
			"",
			"Grad-CAM (Bishop eqs. 10.9-10.10) of a classifier for every image of DIR (.tif, .tiff, .png, .jpg, .jpeg), written as",
			"<image>_saliency.tif: a 32-bit map of the input's size. The model is a shipped or installed model's name, a model",
			"folder, an engine network file or an .onnx the engine imports. Maps the journal shows up to date are kept unless --overwrite.",
			"",
			"Options:",
			"  --input DIR            images (required)",
			"  --output DIR           folder for the maps (required)",
			"  --model NAME|PATH      classifier: a model name, folder, engine network file or .onnx (default: " + CLASSIFIER + ")",
			"  --class N|NAME         class index, a class name listed by the model's description (config: convnet: classes),",
			"                         or 'top' for the highest-scoring class of each image (default: top)",
			"  --layer NAME           layer whose feature maps are weighted (default: the last convolution)",
			"  --normalization MODE   how pixel values enter the network: none, 0-1 or zscore (default: 0-1)",
			"  --overwrite            redo every map, even those the journal shows up to date",
			"");

	private static int saliency(String[] args, PrintStream out) throws Exception {
		if (args.length > 1 && isHelp(args[1])) { out.print(SALIENCY_USAGE); return 0; }
		Options o = new Options(args, 1, Set.of("input", "output", "model", "class", "layer", "normalization"), Set.of("overwrite", "help"));
		if (o.flag("help")) { out.print(SALIENCY_USAGE); return 0; }
		File input = new File(o.require("input"));
		if (!input.isDirectory()) throw new Options.UsageException("--input " + input + " is not a folder");
		String model = o.get("model", CLASSIFIER);
		int classIndex = classIndex(ModelRepository.standard().resolve(model), o.get("class", "top"));
		String normalization = o.get("normalization", "0-1");
		if (normalization.equals("zscore")) normalization = sc.fiji.convnet.ij.SaliencyImages.NORMALIZE_ZSCORE;
		FolderRunner.Report report = sc.fiji.convnet.ij.ImageSaliency.gradCamFolder(input.getPath(), o.require("output"), model, o.get("layer", null),
				classIndex, normalization, o.flag("overwrite"), out::println, Progress.NONE);
		out.println("saliency: " + report + " (" + o.require("output") + ")");
		return report.exitCode();
	}

	static final String EVALUATE_SALIENCY_USAGE = String.join("\n",
			"Usage: bin/convnet evaluate-saliency --annotations DIR --maps DIR --class NAME [--suffix _saliency.tif] [--tolerance 15]",
			"",
			"The pointing game (Zhang et al. 2016): for every NAME.xml (Pascal VOC) of --annotations with a box of the class, a hit",
			"when the maximum of the map NAME<suffix> in --maps lies within --tolerance pixels of such a box. A missing map is a miss.",
			"");

	private static int evaluateSaliency(String[] args, PrintStream out) throws Exception {
		if (args.length > 1 && isHelp(args[1])) { out.print(EVALUATE_SALIENCY_USAGE); return 0; }
		Options o = new Options(args, 1, Set.of("annotations", "maps", "class", "suffix", "tolerance"), Set.of("help"));
		if (o.flag("help")) { out.print(EVALUATE_SALIENCY_USAGE); return 0; }
		File annotations = new File(o.require("annotations")), maps = new File(o.require("maps"));
		if (!annotations.isDirectory()) throw new Options.UsageException("--annotations " + annotations + " is not a folder");
		if (!maps.isDirectory()) throw new Options.UsageException("--maps " + maps + " is not a folder");
		ij.measure.ResultsTable t = ConvNet.evaluateSaliency(annotations.getPath(), maps.getPath(), o.require("class"), o.get("suffix", "_saliency.tif"),
				o.number("tolerance", 15));
		out.printf(java.util.Locale.ROOT, "pointing game %s: %d/%d = %.4f (tolerance %.0f px, %d maps missing)%n", t.getStringValue("Class", 0),
				(int) t.getValue("Hits", 0), (int) t.getValue("Images", 0), t.getValue("Pointing game", 0), t.getValue("Tolerance", 0),
				(int) t.getValue("Missing maps", 0));
		return 0;
	}

	/** --class: 'top' (−1), an index, or a name from the model's description. */
	static int classIndex(ModelFiles model, String spec) {
		try {
			return sc.fiji.convnet.explain.ClassNames.resolve(model, spec);
		} catch (IllegalArgumentException e) {
			throw new Options.UsageException("--class: " + e.getMessage());
		}
	}

	private static void setThreads(Options o) {
		int threads = o.integer("threads", 0);
		if (threads < 0) throw new Options.UsageException("--threads must be positive");
		if (threads > 0) System.setProperty("convnet.threads", String.valueOf(threads));
	}
}
