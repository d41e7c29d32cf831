package sc.fiji.convnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import sc.fiji.convnet.detect.train.DetectionDataset;
import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.train.CellCrop;
import sc.fiji.convnet.explain.train.CellCrops;
import sc.fiji.convnet.explain.train.ClassifierExport;
import sc.fiji.convnet.explain.train.ClassifierTraining;
import sc.fiji.convnet.explain.train.CropSampler;
import sc.fiji.convnet.tensor.Tensor;

/** {@code bin/convnet train-classifier}: trains the BCCD cell-type classifier and optionally exports it. */
final class TrainClassifier {

	private TrainClassifier() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-classifier --data DIR --output FILE [options]",
			"",
			"Trains the cell-type classifier (" + String.join(", ", CellCrops.CLASSES) + ") with the ConvNet engine on crops of the",
			"'train' split of DIR (Pascal VOC layout: JPEGImages/, Annotations/, train.txt, val.txt), measures the crop accuracy",
			"on 'val' and keeps the best network in FILE (engine format).",
			"",
			"Options:",
			TrainingOptions.usage(new ClassifierTraining.Settings(), ", a multiple of 8", "channels of the first layer"),
			"  --export DIR      also write model.onnx + bioimageio.yaml of the best network there",
			"  --one-vs-rest W   add W × the one-vs-rest binary cross-entropy to the softmax loss (default 0: softmax only);",
			"                    keeps a class's map low on other cell types, for Grad-CAM on whole images",
			"  --jitter PX       largest shift of a crop centre, at most a quarter of the object's size (default 12)",
			"");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, TrainingOptions.keysWith("export", "one-vs-rest", "jitter"), Set.of("help"));
		if (o.flag("help")) { out.print(USAGE); return 0; }
		ClassifierTraining.Settings s = new ClassifierTraining.Settings();
		TrainingOptions.read(o, s);
		s.oneVsRest = o.number("one-vs-rest", s.oneVsRest);
		s.maxJitter = o.number("jitter", s.maxJitter);
		if (s.crop % 8 != 0 || s.crop < 8) throw new Options.UsageException("--crop " + s.crop + " is not a positive multiple of 8");
		Path data = Path.of(o.require("data")), output = Path.of(o.require("output"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		out.println("train-classifier: " + train.size() + " training and " + val.size() + " validation images from " + data + ", classes "
				+ CellCrops.CLASSES + ", seed " + s.seed);
		ClassifierTraining training = new ClassifierTraining(s, out);
		ClassifierTraining.Accuracy a = training.train(train, val, output);
		out.printf(Locale.ROOT, "train-classifier: best val crop %s, network in %s%n", a.describe(CellCrops.CLASSES), output);
		String export = o.get("export", null);
		if (export != null) {
			CellCrop first = training.validationCrops(val).get(0);
			float[] x = new float[3 * s.crop * s.crop];
			new CropSampler(s.crop, 0).sample(val.get(first.image()).image(), first, null, x, 0);
			Path yaml = ClassifierExport.export(Network.load(output), s.crop, Path.of(export), String.join(" ", args), a,
					new Tensor(x, 1, 3, s.crop, s.crop));
			out.println("train-classifier: exported " + yaml);
		}
		return 0;
	}
}
