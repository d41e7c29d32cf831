package sc.fiji.convnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import sc.fiji.convnet.detect.train.DetectionDataset;
import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.detect.train.DetectorDesign;
import sc.fiji.convnet.detect.train.DetectorExport;
import sc.fiji.convnet.detect.train.DetectorTraining;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.ij.DetectorTrainingRun;
import sc.fiji.convnet.request.TrainDetectorRequest;

/**
 * {@code bin/convnet train-detector}: a detector model folder from the user's images and Pascal VOC annotations
 * ({@link DetectorTrainingRun}), or, with {@code --data}, a network trained on a Pascal VOC data set's splits (how the
 * shipped blood-cell detector was trained), optionally exported. Both run {@link DetectorTraining}.
 */
final class TrainDetector {

	private TrainDetector() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-detector --images DIR --annotations DIR [--init MODEL] [--minutes M | --steps N] --output DIR",
			"       bin/convnet train-detector --data DIR --output FILE [--arch grid|centre] [options of the data set form]",
			"",
			"Trains a detector on the images of --images and their Pascal VOC XML files in --annotations (matched by name:",
			"a.jpg with a.xml; the classes are the objects' names). By default it fine-tunes the shipped 'bccd-detector' (whose",
			"classes must include the annotations' ones) for 10 minutes, holding 20 % of the images out to keep the best",
			"network (never worse there than the starting model); --init none trains a new --arch detector. The model folder",
			"it writes (ONNX, bioimage.io description, engine network and checkpoint, training.log) is used by",
			"'bin/convnet detect --model DIR'; without --output it is installed under --name in the models folder",
			"(~/.convnet/models), where every command finds it by name. With --steps alone there is no time limit.",
			"--val-images/--val-annotations are accepted for --valimages/--valannotations.",
			"",
			"Options:",
			TrainDetectorRequest.SPEC.cliUsage(),
			"The data set form (how the shipped detector was trained): --data DIR in the Pascal VOC layout (JPEGImages/,",
			"Annotations/, train.txt, val.txt); trains on 'train', scores mAP@0.5 on 'val' and keeps the best network in FILE",
			"(engine format). A checkpoint FILE.ckpt is written atomically every --checkpoint-every steps; --resume continues",
			"from it.",
			"  --arch grid     one box per stride-16 cell at 0.5x (defaults below)",
			"  --arch centre   anchor-free: per-class centre heat maps and box distances per stride-8 cell, FPN-like",
			"                  top-down path, focal + GIoU loss; defaults --input-scale 0.75 --crop 256 --steps 8000",
			"                  --eval-every 500",
			TrainingOptions.usage(new DetectorTraining.Settings(), " at the input scale, a multiple of the design's size step (16 or 32)",
					"channels of the first layer"),
			"  --input-scale X   image scale the network sees (default " + new DetectorTraining.Settings().inputScale + " for grid, "
					+ DetectorTraining.Settings.forArch("centre").inputScale + " for centre)",
			"  --resume          continue from FILE.ckpt when it exists (same schedule)",
			"  --init NET        start from a network written by this form (same --arch; its width is kept)",
			"  --checkpoint-every N  steps between checkpoints (default " + new DetectorTraining.Settings().checkpointEvery + ")",
			"  --export DIR      also write model.onnx + bioimageio.yaml of the best network there",
			ConvNetCli.COMMON_USAGE);

	/** The options of the data set form only. */
	private static final Set<String> DATA_SET_FORM = TrainingOptions.keysWith("export", "input-scale", "checkpoint-every", "arch", "resume", "init");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = Options.of(args, TrainDetectorRequest.SPEC, DATA_SET_FORM, Set.of());
		if (o.flag("help")) { out.print(USAGE); return ConvNetCli.OK; }
		if (TrainingOptions.dataSetForm(o, TrainDetectorRequest.SPEC, DATA_SET_FORM)) return runOnDataSet(o, args, out);
		o.require("images");
		TrainDetectorRequest r = Options.request(() -> TrainDetectorRequest.from(TrainingOptions.values(o, TrainDetectorRequest.SPEC)));
		Options.request(() -> { r.checkFolders(); return r; });
		out.println("train-detector: " + DetectorTrainingRun.run(r, out, TrainingLoop.Monitor.NONE));
		return ConvNetCli.OK;
	}

	/** {@code --data DIR --output FILE}: the train and val splits of a Pascal VOC data set, the best network in FILE. */
	private static int runOnDataSet(Options o, String[] args, PrintStream out) throws Exception {
		DetectorTraining.Settings s = settings(o);
		Path data = Path.of(o.require("data")), output = Path.of(o.require("output"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		List<String> classes = DetectionDataset.classes(train);
		out.println("train-detector: " + train.size() + " training and " + val.size() + " validation images from " + data + ", classes " + classes
				+ ", arch " + s.arch + ", seed " + s.seed);
		DetectorTraining training = new DetectorTraining(s, out);
		double map = training.train(train, val, classes, output).bestScore();
		out.printf(Locale.ROOT, "train-detector: best val mAP@0.5 %.4f, network in %s%n", map, output);
		String export = o.get("export", null);
		if (export != null) {
			Path yaml = DetectorExport.export(sc.fiji.convnet.engine.Network.load(output), training.design(classes), s.inputScale, Path.of(export),
					String.join(" ", args), map, val.get(0).image());
			out.println("train-detector: exported " + yaml);
		}
		return ConvNetCli.OK;
	}

	/** The settings of the chosen architecture with the command line's options over them. */
	static DetectorTraining.Settings settings(Options o) {
		String arch = o.get("arch", DetectorDesign.GRID);
		DetectorTraining.Settings s;
		try {
			s = DetectorTraining.Settings.forArch(arch);
		} catch (IllegalArgumentException e) {
			throw new Options.UsageException("--arch: " + e.getMessage());
		}
		TrainingOptions.read(o, s);
		s.inputScale = o.number("input-scale", s.inputScale);
		s.checkpointEvery = o.integer("checkpoint-every", s.checkpointEvery);
		s.resume = o.flag("resume");
		String init = o.get("init", null);
		if (init != null) {
			s.init = Path.of(init);
			if (!java.nio.file.Files.isRegularFile(s.init)) throw new Options.UsageException("--init " + init + " is not a network file");
		}
		int multiple = DetectorDesign.of(arch, List.of("x")).sizeMultiple();
		if (s.crop % multiple != 0) throw new Options.UsageException("--crop " + s.crop + " is not a multiple of " + multiple + " (--arch " + arch + ")");
		if (!(s.inputScale > 0)) throw new Options.UsageException("--input-scale " + s.inputScale + " must be positive");
		if (s.checkpointEvery <= 0) throw new Options.UsageException("--checkpoint-every " + s.checkpointEvery + " must be positive");
		return s;
	}

	static final String EXPORT_USAGE = String.join("\n",
			"Usage: bin/convnet export-detector --network FILE --data DIR --output DIR [--command 'TRAINING COMMAND']",
			"",
			"Scores a network trained by train-detector on the 'val' split of DIR (mAP@0.5, AP@[.5:.95]) and writes it as a",
			"model folder: model.onnx, bioimageio.yaml (config: decoder, classes, stride, input scale), test tensors, README.md.",
			"--arch and --input-scale must be those of the training (defaults: grid, 0.5; centre, 0.75).",
			"");

	static int export(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, Set.of("network", "data", "output", "command", "arch", "input-scale"), Set.of("help"));
		if (o.flag("help")) { out.print(EXPORT_USAGE); return 0; }
		sc.fiji.convnet.engine.Network net = sc.fiji.convnet.engine.Network.load(Path.of(o.require("network")));
		Path data = Path.of(o.require("data"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		DetectorTraining.Settings s = DetectorTraining.Settings.forArch(o.get("arch", DetectorDesign.GRID));
		s.inputScale = o.number("input-scale", s.inputScale);
		DetectorTraining training = new DetectorTraining(s, out);
		DetectorDesign design = training.design(DetectionDataset.classes(train));
		sc.fiji.convnet.detect.DetectionMetrics m = training.validate(net, design, val);
		StringBuilder per = new StringBuilder();
		for (String c : m.classes()) per.append(String.format(Locale.ROOT, "%s %.3f, ", c, m.averagePrecision(c, 0.5)));
		out.printf(Locale.ROOT, "export-detector: val mAP@0.5 %.4f (%s) AP@[.5:.95] %.4f%n", m.meanAveragePrecision(0.5), per, m.meanAveragePrecision50to95());
		Path yaml = DetectorExport.export(net, design, s.inputScale, Path.of(o.require("output")),
				o.get("command", String.join(" ", args)), m.meanAveragePrecision(0.5), val.get(0).image());
		out.println("export-detector: " + yaml);
		return 0;
	}
}
