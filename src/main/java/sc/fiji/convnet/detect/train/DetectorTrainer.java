package sc.fiji.convnet.detect.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.optim.TrainingFolder;
import sc.fiji.convnet.engine.optim.TrainingJob;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;

/**
 * Train Detector: trains (or fine-tunes) a detector on the user's annotated images and writes a model folder that
 * Detect Objects finds by name: {@code network.net} (the best network) with its checkpoint, {@code model.onnx},
 * {@code bioimageio.yaml} (classes, decoder, input scale, training record), test tensors and {@code training.log}.
 * <p>
 * A fine-tuned detector keeps the design, classes and input scale of the model it starts from, which must know every
 * class of the annotations; its starting network is scored first, so the model written is never worse on the
 * validation images than the one it started from.
 */
public final class DetectorTrainer {

	private static final double FINE_TUNE_LR = 5e-4;

	private DetectorTrainer() {}

	/** Trains on {@code train}, keeps the network with the best val mAP@0.5 and writes the model folder. */
	public static TrainingSummary train(TrainingJob r, String arch, double scale, List<DetectionSample> train, List<DetectionSample> val, PrintStream log,
			TrainingLoop.Monitor monitor) throws IOException {
		if (train.isEmpty()) throw new IOException("no annotated images to train on");
		List<String> found = DetectionDataset.classes(train);
		if (found.isEmpty()) throw new IOException("the annotations hold no boxes");
		List<String> classes = new ArrayList<>(found);
		DetectorTraining.Settings s = settings(r, arch, scale, classes, log);
		TrainingFolder out = TrainingFolder.open(r.outputFolder(), r.resume(), log);
		PrintStream both = out.log();
		both.printf(Locale.ROOT, "train-detector: %d training and %d validation images, classes %s, %s, model %s%n", train.size(), val.size(), classes,
				r.fromScratch() ? "a new " + s.arch + " detector" : "fine-tuning " + r.init(), out.folder());
		int held = val.size();
		if (val.isEmpty()) {
			both.println("train-detector: warning: no validation image (one image, or holdout 0): the best network is chosen on the training images");
			val = train;
		}
		DetectorTraining training = new DetectorTraining(s, both);
		TrainingLoop.Outcome outcome = training.train(train, val, classes, out.network(), monitor);
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("data", train.size() + " annotated images (" + held + " more for validation)");
		record.put("init", r.initName());
		record.put("steps", outcome.lastStep());
		record.put("command", r.command());
		DetectorDesign design = training.design(classes);
		String start = r.fromScratch() ? "trained from scratch" : "fine-tuned from " + r.init();
		DetectorExport.export(Network.load(out.network()), design, s.inputScale, out.folder(), record, outcome.bestScore(), val.get(0).image(),
				new DetectorExport.About(r.modelName(), r.modelName(), "Fully convolutional " + design.decoder().describe() + " for " + String.join(", ", classes)
						+ ", " + start + " with ConvNet for Fiji on the user's annotated images.",
						start + "\nwith the ConvNet for Fiji engine on " + train.size() + " annotated images", held > 1 ? held + " held-out images" : held == 1 ? "1 held-out image" : "the training images",
						!r.fromScratch() && r.init().equals(ModelTask.DETECTION.defaultModel())));
		out.saveLog();
		return new TrainingSummary(out.folder(), "val mAP@0.5", outcome.startScore(), outcome.bestScore(), outcome.lastStep(), outcome.stopped(),
				train.size(), held);
	}

	/**
	 * The settings of a run: a new detector of the chosen design, or the starting model's design, input scale and
	 * classes (which then replace {@code classes}, the annotations' ones, in the model's order).
	 */
	static DetectorTraining.Settings settings(TrainingJob r, String arch, double scale, List<String> classes, PrintStream log) throws IOException {
		DetectorTraining.Settings s;
		if (r.fromScratch()) s = DetectorTraining.Settings.forArch(arch);
		else {
			ModelFiles init = ModelRepository.standard().find(r.init());
			Object decoder = init.config().get("decoder");
			List<String> known = init.classes();
			if (init.networkFile() == null || !(DetectorDesign.GRID.equals(decoder) || DetectorDesign.CENTRE.equals(decoder)))
				throw new IOException("model " + r.init() + " is not a detector trained by this plugin (no engine network, or decoder " + decoder
						+ "); fine-tune one trained here, or use init=none");
			if (!known.containsAll(classes))
				throw new IOException("the annotations' classes " + classes + " are not all among the classes " + known + " of model " + r.init()
						+ "; name the boxes by those classes, or train a new detector with init=none");
			if (known.size() > classes.size())
				log.println("train-detector: note: no box of class " + known.stream().filter(c -> !classes.contains(c)).toList()
						+ ": the model learns that they do not occur in these images");
			classes.clear();
			classes.addAll(known);
			s = DetectorTraining.Settings.forArch((String) decoder);
			s.init = init.networkFile();
			s.learningRate = FINE_TUNE_LR;
			s.warmup = 50;
			s.validateFirst = true;
			if (init.config().get("input_scale") instanceof Number n) s.inputScale = n.doubleValue();
		}
		if (scale > 0) s.inputScale = scale;
		s.seed = r.seed();
		s.resume = r.resume();
		s.budget(r.steps(), r.minutes());
		return s;
	}
}
