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

/** {@code bin/convnet train-detector}: trains a blood-cell detector (grid or centre design) and optionally exports it. */
final class TrainDetector {

	private TrainDetector() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-detector --data DIR --output FILE [--arch grid|centre] [options]",
			"",
			"Trains a detector with the ConvNet engine on the 'train' split of DIR (Pascal VOC layout: JPEGImages/,",
			"Annotations/, train.txt, val.txt), scores mAP@0.5 on 'val' and keeps the best network in FILE (engine format).",
			"A checkpoint FILE.ckpt is written atomically every --checkpoint-every steps; --resume continues from it.",
			"  --arch grid     one box per stride-16 cell at 0.5x (the shipped model; defaults below)",
			"  --arch centre   anchor-free: per-class centre heat maps and box distances per stride-8 cell, FPN-like",
			"                  top-down path, focal + GIoU loss; defaults --input-scale 0.75 --crop 256 --steps 8000",
			"                  --eval-every 500",
			"",
			"Options:",
			TrainingOptions.usage(new DetectorTraining.Settings(), " at the input scale, a multiple of the design's size step (16 or 32)",
					"channels of the first layer"),
			"  --input-scale X   image scale the network sees (default " + new DetectorTraining.Settings().inputScale + " for grid, "
					+ DetectorTraining.Settings.forArch("centre").inputScale + " for centre)",
			"  --resume          continue from FILE.ckpt when it exists (same schedule)",
			"  --checkpoint-every N  steps between checkpoints (default " + new DetectorTraining.Settings().checkpointEvery + ")",
			"  --export DIR      also write model.onnx + bioimageio.yaml of the best network there",
			"");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, TrainingOptions.keysWith("export", "arch", "input-scale", "checkpoint-every"), Set.of("help", "resume"));
		if (o.flag("help")) { out.print(USAGE); return 0; }
		DetectorTraining.Settings s = settings(o);
		Path data = Path.of(o.require("data")), output = Path.of(o.require("output"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		List<String> classes = DetectionDataset.classes(train);
		out.println("train-detector: " + train.size() + " training and " + val.size() + " validation images from " + data + ", classes " + classes
				+ ", arch " + s.arch + ", seed " + s.seed);
		DetectorTraining training = new DetectorTraining(s, out);
		double map = training.train(train, val, classes, output);
		out.printf(Locale.ROOT, "train-detector: best val mAP@0.5 %.4f, network in %s%n", map, output);
		String export = o.get("export", null);
		if (export != null) {
			Path yaml = DetectorExport.export(sc.fiji.convnet.engine.Network.load(output), training.design(classes), s.inputScale, Path.of(export),
					String.join(" ", args), map, val.get(0).image());
			out.println("train-detector: exported " + yaml);
		}
		return 0;
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
