package sc.fiji.convnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import sc.fiji.convnet.detect.train.DetectionDataset;
import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.explain.train.CellCrops;
import sc.fiji.convnet.explain.train.ClassifierExport;
import sc.fiji.convnet.explain.train.ClassifierTraining;
import sc.fiji.convnet.ij.ClassifierTrainingRun;
import sc.fiji.convnet.request.TrainClassifierRequest;

/**
 * {@code bin/convnet train-classifier}: a classifier model folder from a folder with one subfolder of images per class
 * ({@link ClassifierTrainingRun}), or, with {@code --data}, the BCCD cell-type classifier trained on a Pascal VOC data
 * set's splits (how the shipped classifier was trained), optionally exported. Both run {@link ClassifierTraining}.
 */
final class TrainClassifier {

	private TrainClassifier() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-classifier --images DIR [--init MODEL] [--minutes M | --steps N] --output DIR",
			"       bin/convnet train-classifier --data DIR --output FILE [options of the data set form]",
			"",
			"Trains a classifier on the images of DIR, one subfolder per class (the subfolder's name is the class; each image",
			"one example, seen in --crop-sized crops around its centre). By default it fine-tunes the shipped 'bccd-classifier'",
			"(whose classes " + CellCrops.CLASSES + " must include the subfolders' names) for 10 minutes, holding 20 % of the",
			"images out to keep the best network (never worse there than the starting model); --init none trains a new one.",
			"The model folder it writes (ONNX, bioimage.io description, engine network and checkpoint, training.log) is used",
			"by 'bin/convnet classify --classifier DIR' and 'bin/convnet saliency --classifier DIR'; without --output it is",
			"installed under --name in the models folder (~/.convnet/models). With --steps alone there is no time limit.",
			"",
			"Options:",
			TrainClassifierRequest.SPEC.cliUsage(),
			"The data set form (how the shipped classifier was trained): --data DIR in the Pascal VOC layout (JPEGImages/,",
			"Annotations/, train.txt, val.txt); trains the cell-type classifier (" + String.join(", ", CellCrops.CLASSES) + ") on crops of",
			"'train', measures the crop accuracy on 'val' and keeps the best network in FILE (engine format; checkpoint FILE.ckpt).",
			TrainingOptions.usage(new ClassifierTraining.Settings(), ", a multiple of 8", "channels of the first layer"),
			"  --export DIR      also write model.onnx + bioimageio.yaml of the best network there",
			"  --one-vs-rest W   add W × the one-vs-rest binary cross-entropy to the softmax loss (default 0: softmax only);",
			"                    keeps a class's map low on other cell types, for Grad-CAM on whole images",
			"  --jitter PX       largest shift of a crop centre, at most a quarter of the object's size (default 12)",
			"  --resume          continue from FILE.ckpt when it exists (same schedule)",
			ConvNetCli.COMMON_USAGE);

	/** The options of the data set form. */
	private static final Set<String> DATA_SET_FORM = TrainingOptions.keysWith("export", "one-vs-rest", "jitter", "resume");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = Options.of(args, TrainClassifierRequest.SPEC, DATA_SET_FORM, Set.of());
		if (o.flag("help")) { out.print(USAGE); return ConvNetCli.OK; }
		if (TrainingOptions.dataSetForm(o, TrainClassifierRequest.SPEC, DATA_SET_FORM)) return runOnDataSet(o, args, out);
		o.require("images");
		TrainClassifierRequest r = Options.request(() -> TrainClassifierRequest.from(TrainingOptions.values(o, TrainClassifierRequest.SPEC)));
		out.println("train-classifier: " + ClassifierTrainingRun.run(r, out, TrainingLoop.Monitor.NONE));
		return ConvNetCli.OK;
	}

	/** {@code --data DIR --output FILE}: crops of the train and val splits of a Pascal VOC data set, the best network in FILE. */
	private static int runOnDataSet(Options o, String[] args, PrintStream out) throws Exception {
		ClassifierTraining.Settings s = new ClassifierTraining.Settings();
		TrainingOptions.read(o, s);
		s.oneVsRest = o.number("one-vs-rest", s.oneVsRest);
		s.maxJitter = o.number("jitter", s.maxJitter);
		s.resume = o.flag("resume");
		if (s.crop % 8 != 0 || s.crop < 8) throw new Options.UsageException("--crop " + s.crop + " is not a positive multiple of 8");
		Path data = Path.of(o.require("data")), output = Path.of(o.require("output"));
		List<DetectionSample> train = DetectionDataset.load(data, "train"), val = DetectionDataset.load(data, "val");
		out.println("train-classifier: " + train.size() + " training and " + val.size() + " validation images from " + data + ", classes "
				+ CellCrops.CLASSES + ", seed " + s.seed);
		ClassifierTraining training = new ClassifierTraining(s, out);
		training.train(train, val, output, TrainingLoop.Monitor.NONE);
		ClassifierTraining.Accuracy a = training.accuracy(Network.load(output), val, training.validationCrops(val));
		out.printf(Locale.ROOT, "train-classifier: best val crop %s, network in %s%n", a.describe(CellCrops.CLASSES), output);
		String export = o.get("export", null);
		if (export != null) {
			Path yaml = ClassifierExport.export(Network.load(output), s.crop, Path.of(export), String.join(" ", args), a, training.testCrop(val));
			out.println("train-classifier: exported " + yaml);
		}
		return ConvNetCli.OK;
	}
}
