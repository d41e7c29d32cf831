package sc.fiji.convnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import sc.fiji.convnet.detect.train.DetectionDataset;
import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.detect.train.DetectorExport;
import sc.fiji.convnet.detect.train.DetectorTraining;

/** {@code bin/convnet train-detector}: trains the blood-cell grid detector and optionally exports it. */
final class TrainDetector {

	private TrainDetector() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-detector --data DIR --output FILE [options]",
			"",
			"Trains the grid detector with the ConvNet engine on the 'train' split of DIR (Pascal VOC layout: JPEGImages/,",
			"Annotations/, train.txt, val.txt), scores mAP@0.5 on 'val' and keeps the best network in FILE (engine format).",
			"",
			"Options:",
			TrainingOptions.usage(new DetectorTraining.Settings(), " at the input scale, a multiple of 16", "channels of the first layer"),
			"  --export DIR      also write model.onnx + bioimageio.yaml of the best network there",
			"");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, TrainingOptions.keysWith("export"), Set.of("help"));
		if (o.flag("help")) { out.print(USAGE); return 0; }
		DetectorTraining.Settings s = new DetectorTraining.Settings();
		TrainingOptions.read(o, s);
		if (s.crop % 16 != 0) throw new Options.UsageException("--crop " + s.crop + " is not a multiple of 16");
		Path data = Path.of(o.require("data")), output = Path.of(o.require("output"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		List<String> classes = DetectionDataset.classes(train);
		out.println("train-detector: " + train.size() + " training and " + val.size() + " validation images from " + data + ", classes " + classes
				+ ", seed " + s.seed);
		DetectorTraining training = new DetectorTraining(s, out);
		double map = training.train(train, val, classes, output);
		out.printf(Locale.ROOT, "train-detector: best val mAP@0.5 %.4f, network in %s%n", map, output);
		String export = o.get("export", null);
		if (export != null) {
			Path yaml = DetectorExport.export(sc.fiji.convnet.engine.Network.load(output), training.layout(classes), s.inputScale, Path.of(export),
					String.join(" ", args), map, val.get(0).image());
			out.println("train-detector: exported " + yaml);
		}
		return 0;
	}

	static final String EXPORT_USAGE = String.join("\n",
			"Usage: bin/convnet export-detector --network FILE --data DIR --output DIR [--command 'TRAINING COMMAND']",
			"",
			"Scores a network trained by train-detector on the 'val' split of DIR (mAP@0.5, AP@[.5:.95]) and writes it as a",
			"model folder: model.onnx, bioimageio.yaml (config: decoder grid, classes, stride, input scale), test tensors, README.md.",
			"");

	static int export(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, Set.of("network", "data", "output", "command"), Set.of("help"));
		if (o.flag("help")) { out.print(EXPORT_USAGE); return 0; }
		sc.fiji.convnet.engine.Network net = sc.fiji.convnet.engine.Network.load(Path.of(o.require("network")));
		Path data = Path.of(o.require("data"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		DetectorTraining training = new DetectorTraining(new DetectorTraining.Settings(), out);
		sc.fiji.convnet.detect.GridLayout layout = training.layout(DetectionDataset.classes(train));
		sc.fiji.convnet.detect.DetectionMetrics m = training.validate(net, layout, val);
		StringBuilder per = new StringBuilder();
		for (String c : m.classes()) per.append(String.format(Locale.ROOT, "%s %.3f, ", c, m.averagePrecision(c, 0.5)));
		out.printf(Locale.ROOT, "export-detector: val mAP@0.5 %.4f (%s) AP@[.5:.95] %.4f%n", m.meanAveragePrecision(0.5), per, m.meanAveragePrecision50to95());
		Path yaml = DetectorExport.export(net, layout, new DetectorTraining.Settings().inputScale, Path.of(o.require("output")),
				o.get("command", String.join(" ", args)), m.meanAveragePrecision(0.5), val.get(0).image());
		out.println("export-detector: " + yaml);
		return 0;
	}
}
