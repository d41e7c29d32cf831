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
import sc.fiji.convnet.request.Batch;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;

/**
 * The headless command line ({@code bin/convnet COMMAND [options]}) for batch work on servers.
 * Exit codes: 0 success, 1 some inputs failed, 2 wrong usage, 3 the run could not start; {@code check-model}: 4 the
 * engine differs from ONNX Runtime, 5 the model cannot be read or imported.
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
			"  train-segmentation  train or fine-tune a nuclei model on your own images and label images (a model folder)",
			"  train-nuclei  train the nuclei U-Net with the engine on the nuclei-dsb2018 data (reproducible with --seed)",
			"  export-nuclei write a trained nuclei network as models/<name>/ (ONNX + bioimage.io description)",
			"  detect        find objects (e.g. blood cells) in every image of a folder: <image>_boxes.csv + counts.csv",
			"  evaluate-detection  score <image>_boxes.csv against VOC XML or CSV ground truth (AP@0.5 per class, mAP, AP@[.5:.95])",
			"  train-detector  train a blood-cell detector (--arch grid or centre) with the engine on BCCD (val mAP@0.5; --export DIR)",
			"  export-detector  write a trained detector as models/<name>/ (ONNX + bioimage.io description)",
			"  train-classifier  train the BCCD cell-type classifier (RBC, WBC, Platelets, background) for Grad-CAM (--export DIR)",
			"  check-model   whether ONNX Runtime and the engine load a model, and agree on it; what it can be used for",
			"  diagnostics   Java, ONNX Runtime natives, vector kernels, threads, heap",
			"  help          this text; 'bin/convnet COMMAND --help' for a command's options",
			"",
			"Every command takes --threads N (worker threads; default all processors) and --help.",
			"Exit codes: 0 success, 1 some inputs failed (batch commands), 2 wrong usage, 3 the run failed.",
			"");

	/** The options every command takes. */
	static final String COMMON_USAGE = String.join("\n",
			"  --threads N               worker threads (default: all processors)",
			"  --help                    this text",
			"");

	/** The options of {@code segment}: the batch folder options around {@link SegmentRequest#SPEC} (also {@code convnet-spark segment}). */
	public static final Spec SEGMENT = Batch.spec("segment", SegmentRequest.SPEC);

	static final String SEGMENT_USAGE = String.join("\n",
			"Usage: bin/convnet segment --input DIR|FILE --output DIR [options]",
			"",
			"Writes <image>_labels.tif (16-bit labels, 32-bit past 65,535 objects), <image>_rois.zip (ImageJ ROI set) and",
			"<image>_measurements.csv per image, and measurements.csv (one row per object, rebuilt from the per-image tables",
			"at the end of every run) into the output folder. Every file is written to a temporary name and renamed when",
			"complete; a journal (.convnet-journal.jsonl) lets a rerun skip exactly the images whose outputs are complete and",
			"current and redo the rest. Unreadable files and non-images are reported; exit code 1 when any image failed.",
			"<image> is the file name without extension, or with it when two inputs share that name (a.tif_labels.tif).",
			"Every option is the macro key of Segment Nuclei with two dashes (seed=0.6 is --seed 0.6).",
			"",
			"Options:",
			SEGMENT.cliUsage() + COMMON_USAGE);

	/** Exit codes, the same for every command. */
	static final int OK = 0, SOME_FAILED = 1, USAGE_ERROR = 2, RUN_FAILED = 3;

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
			args = threads(args);
			if (command.equals("diagnostics")) {
				if (args.length > 1 && !isHelp(args[1])) throw new Options.UsageException("unexpected argument '" + args[1] + "'");
				out.print(args.length > 1 ? "Usage: bin/convnet diagnostics\n\nJava, ONNX Runtime natives, vector kernels, threads, heap.\n" + COMMON_USAGE
						: ConvNet.diagnostics());
				return OK;
			}
			switch (command) {
				case "segment": return segment(args, out, err);
				case "evaluate-segmentation": return evaluateSegmentation(args, out);
				case "classify": return ClassifyCli.run(args, out);
				case "saliency": return saliency(args, out);
				case "evaluate-saliency": return evaluateSaliency(args, out);
				case "train-segmentation": return TrainSegmentationCli.run(args, out);
				case "train-nuclei": return TrainNuclei.run(args, out);
				case "export-nuclei": return TrainNuclei.export(args, out);
				case "detect": return DetectCli.detect(args, out, err);
				case "evaluate-detection": return DetectCli.evaluate(args, out);
				case "train-detector": return TrainDetector.run(args, out);
				case "export-detector": return TrainDetector.export(args, out);
				case "train-classifier": return TrainClassifier.run(args, out);
				case "check-model": return checkModel(args, out);
				default:
					err.println("convnet: unknown command '" + command + "'");
					err.print(USAGE);
					return USAGE_ERROR;
			}
		} catch (Options.UsageException e) {
			err.println("convnet " + command + ": " + e.getMessage() + " (see 'bin/convnet " + command + " --help')");
			return USAGE_ERROR;
		} catch (Exception e) {
			err.println("convnet " + command + ": " + e.getMessage());
			return RUN_FAILED;
		}
	}

	private static boolean isHelp(String a) { return a.equals("--help") || a.equals("-h"); }

	private static int segment(String[] args, PrintStream out, PrintStream err) throws Exception {
		Options o = Options.of(args, SEGMENT, Set.of(), Set.of());
		if (o.flag("help")) { out.print(SEGMENT_USAGE); return OK; }
		File input = new File(o.require("input"));
		File output = new File(o.require("output"));
		if (!input.exists()) throw new Options.UsageException("input " + input + " does not exist");
		Values v = o.values(SEGMENT);
		SegmentRequest request = Options.request(() -> SegmentRequest.from(v));
		String filter = v.text("file");
		File folder = input;
		if (input.isFile()) { folder = input.getAbsoluteFile().getParentFile(); filter = input.getName(); }
		FolderRunner.Report report = new sc.fiji.convnet.ij.BatchSegmentation(request.segmenter(), request.channel(), v.flag("overwrite"), out::println)
				.imageSteps(name -> new sc.fiji.convnet.predict.LineProgress(name, out::println)).run(folder, output, filter, Progress.NONE);
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

	/** The options of {@code detect} (also {@code convnet-spark detect}). */
	public static final Spec DETECT = DetectCli.DETECT;

	/** The options of {@code saliency}: input and output folders around {@link SaliencyRequest#SPEC} (no overlay, so no opacity; also {@code convnet-spark saliency}). */
	public static final Spec SALIENCY = Spec.of("saliency", Batch.INPUT, Batch.OUTPUT, SaliencyRequest.SPEC.without("opacity"), Batch.OVERWRITE);

	static final String SALIENCY_USAGE = String.join("\n",
			"Usage: bin/convnet saliency --input DIR --output DIR [--classifier NAME|PATH] [options]",
			"",
			"Grad-CAM (Bishop eqs. 10.9-10.10) of a classifier for every image of DIR (.tif, .tiff, .png, .jpg, .jpeg), written as",
			"<image>_saliency.tif: a 32-bit map of the input's size. The classifier is a shipped or installed model's name, a model",
			"folder, an engine network file or an .onnx the engine imports. Maps the journal shows up to date are kept unless --overwrite.",
			"The options are Grad-CAM's macro keys with two dashes (--model and --class are still accepted).",
			"",
			"Options:",
			SALIENCY.cliUsage() + COMMON_USAGE);

	private static int saliency(String[] args, PrintStream out) throws Exception {
		Options o = Options.of(args, SALIENCY, Set.of(), Set.of());
		if (o.flag("help")) { out.print(SALIENCY_USAGE); return OK; }
		File input = new File(o.require("input"));
		if (!input.isDirectory()) throw new Options.UsageException("--input " + input + " is not a folder");
		String output = o.require("output");
		Values v = o.values(SALIENCY);
		SaliencyRequest r = Options.request(() -> SaliencyRequest.from(o.values(SaliencyRequest.SPEC)));
		int classIndex;
		try {
			classIndex = r.classIndex();
		} catch (IllegalArgumentException e) {
			throw new Options.UsageException("--target: " + e.getMessage());
		}
		ModelFiles model = ModelRepository.standard().find(r.classifier());
		FolderRunner.Report report = new sc.fiji.convnet.ij.BatchSaliency(model, r.layer(), classIndex, r.normalization(), v.flag("overwrite"), out::println)
				.imageSteps(name -> new sc.fiji.convnet.predict.LineProgress(name, out::println)).run(input, new File(output), null, Progress.NONE);
		out.println("saliency: " + report + " (" + output + ")");
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

	static final String CHECK_MODEL_USAGE = String.join("\n",
			"Usage: bin/convnet check-model --model NAME|PATH",
			"",
			"Prints the model's inputs and outputs (shapes and axes), whether ONNX Runtime loads it, whether the engine imports it",
			"(or the first unsupported operator, with its node), the largest |engine − ONNX Runtime| on the check input (the",
			"description's test input, else arange(n)/n of the input's shape) with the first diverging node, and the tasks that",
			"can use it. Exit codes: 0 the engine matches ONNX Runtime (or the model is an engine network), 4 it differs,",
			"5 the model cannot be read, or the engine or ONNX Runtime cannot load it; 2 wrong usage.",
			"",
			"Options:",
			"  --model NAME|PATH  a shipped or installed model's name, a model folder, a description (.yaml) or an .onnx (required)",
			"  --threads N        threads for the engine and ONNX Runtime (default: all processors)",
			"");

	private static int checkModel(String[] args, PrintStream out) {
		if (args.length > 1 && isHelp(args[1])) { out.print(CHECK_MODEL_USAGE); return 0; }
		Options o = new Options(args, 1, Set.of("model", "threads"), Set.of("help"));
		if (o.flag("help")) { out.print(CHECK_MODEL_USAGE); return 0; }
		String model = o.require("model");
		sc.fiji.convnet.model.ModelCheck.Report report = ConvNet.checkModel(model);
		out.print(report.text());
		return report.outcome().exitCode();
	}

	/** --class: 'top' (−1), an index, or a name from the model's description. */
	static int classIndex(ModelFiles model, String spec) {
		try {
			return sc.fiji.convnet.explain.ClassNames.resolve(model, spec);
		} catch (IllegalArgumentException e) {
			throw new Options.UsageException("--class: " + e.getMessage());
		}
	}

	/**
	 * Takes {@code --threads N} (or {@code --threads=N}) out of any command's arguments and applies it to this run:
	 * the engine's kernels read it (one setting for the whole process, which a command-line run is).
	 */
	static String[] threads(String[] args) {
		java.util.List<String> rest = new java.util.ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String a = args[i], value = null;
			if (i > 0 && a.equals("--threads")) {
				if (i + 1 >= args.length) throw new Options.UsageException("option --threads needs a value");
				value = args[++i];
			} else if (i > 0 && a.startsWith("--threads=")) value = a.substring("--threads=".length());
			else { rest.add(a); continue; }
			int n;
			try { n = Integer.parseInt(value.trim()); } catch (NumberFormatException e) { throw new Options.UsageException("--threads expects a whole number, got '" + value + "'"); }
			if (n < 1) throw new Options.UsageException("--threads must be at least 1");
			System.setProperty("convnet.threads", String.valueOf(n));
		}
		return rest.toArray(new String[0]);
	}
}
