package sc.fiji.convnet.explain.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.detect.train.DetectionDataset;
import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.optim.TrainingFolder;
import sc.fiji.convnet.engine.optim.TrainingJob;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSummary;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;

/**
 * Train Classifier: trains (or fine-tunes) a classifier on the user's labelled boxes (ROIs named by class, or whole
 * images sorted into one folder per class) and writes a model folder that Classify and Grad-CAM find by name:
 * {@code network.net} (the best network) with its checkpoint, {@code model.onnx}, {@code bioimageio.yaml} (classes,
 * crop size, saliency layer, training record), test tensors and {@code training.log}.
 * <p>
 * A fine-tuned classifier keeps the classes (and their order) of the model it starts from, which must include every
 * class of the annotations; its starting network is scored first, so the model written is never worse on the
 * validation crops than the one it started from.
 */
public final class ClassifierTrainer {

	private static final double FINE_TUNE_LR = 5e-4;
	private static final String SCORE = "balanced val crop accuracy";

	private ClassifierTrainer() {}

	/**
	 * Trains on {@code train} and writes the model folder. {@code backgroundFromImages}: the boxes are objects in larger
	 * images (ROIs), so places that touch none can be the class {@value ClassifierTraining#BACKGROUND}.
	 */
	public static TrainingSummary train(TrainingJob r, boolean background, int crop, List<DetectionSample> train, List<DetectionSample> val, boolean backgroundFromImages,
			PrintStream log, TrainingLoop.Monitor monitor) throws IOException {
		if (train.isEmpty()) throw new IOException("no annotated images to train on");
		List<String> classes = new ArrayList<>(DetectionDataset.classes(train));
		if (classes.isEmpty()) throw new IOException("the annotations name no class");
		if (backgroundFromImages && background && !classes.contains(ClassifierTraining.BACKGROUND)) classes.add(ClassifierTraining.BACKGROUND);
		if (r.fromScratch() && classes.size() < 2)
			throw new IOException("a new classifier needs examples of two classes at least; the annotations name only " + classes);
		ClassifierTraining.Settings s = settings(r, crop, classes, log);
		TrainingFolder out = TrainingFolder.open(r.outputFolder(), r.resume(), log);
		PrintStream both = out.log();
		s.backgroundFromImages = backgroundFromImages && background;
		both.printf(Locale.ROOT, "train-classifier: %d training and %d validation images, classes %s, %s, model %s%n", train.size(), val.size(), s.classes,
				r.fromScratch() ? "a new classifier" : "fine-tuning " + r.init(), out.folder());
		int held = val.size();
		if (val.isEmpty()) {
			both.println("train-classifier: warning: no validation image (one image, or holdout 0): the best network is chosen on the training images");
			val = train;
		}
		List<String> unknown = DetectionDataset.classes(val).stream().filter(c -> !s.classes.contains(c)).toList();
		if (!unknown.isEmpty()) throw new IOException("the validation images have classes " + unknown + " that the training images do not have");
		ClassifierTraining training = new ClassifierTraining(s, both);
		TrainingLoop.Outcome outcome = training.train(train, val, out.network(), monitor);
		Network best = Network.load(out.network());
		ClassifierTraining.Accuracy accuracy = training.accuracy(best, val, training.validationCrops(val));
		both.println("train-classifier: the model kept: val crop " + accuracy.describe(s.classes));
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("data", train.size() + " annotated images (" + held + " more for validation)");
		record.put("init", r.initName());
		record.put("steps", outcome.lastStep());
		record.put("command", r.command());
		String start = r.fromScratch() ? "trained from scratch" : "fine-tuned from " + r.init();
		ClassifierExport.export(best, s.classes, s.crop, out.folder(), record, accuracy, training.testCrop(val),
				new ClassifierExport.About(r.modelName(), "Small fully convolutional classifier (" + String.join(", ", s.classes) + ") of " + s.crop + "×" + s.crop
						+ " crops, " + start + " with ConvNet for Fiji on the user's annotated images; global average pooling lets it take whole images for Grad-CAM.",
						start + " with the ConvNet for Fiji engine on " + train.size() + " annotated images", held > 1 ? held + " held-out images" : held == 1 ? "1 held-out image" : "the training images",
						!r.fromScratch() && r.init().equals(ModelTask.CLASSIFICATION.defaultModel())));
		out.saveLog();
		return new TrainingSummary(out.folder(), SCORE, outcome.startScore(), outcome.bestScore(), outcome.lastStep(), outcome.stopped(), train.size(), held);
	}

	/** The settings of a run: a new classifier of {@code classes}, or the starting model's network and classes (in its order). */
	static ClassifierTraining.Settings settings(TrainingJob r, int crop, List<String> classes, PrintStream log) throws IOException {
		ClassifierTraining.Settings s = new ClassifierTraining.Settings();
		s.classes = List.copyOf(classes);
		if (!r.fromScratch()) {
			ModelFiles init = ModelRepository.standard().find(r.init());
			List<String> known = init.classes();
			if (init.networkFile() == null || !ClassifierExport.TASK.equals(init.config().get("task")))
				throw new IOException("model " + r.init() + " is not a classifier trained by this plugin (no engine network, or another task); fine-tune one "
						+ "trained here, or use init=none");
			if (!known.containsAll(classes))
				throw new IOException("the annotations' classes " + classes + " are not all among the classes " + known + " of model " + r.init()
						+ "; name them by those classes, or train a new classifier with init=none");
			if (known.size() > classes.size())
				log.println("train-classifier: note: no example of class " + known.stream().filter(c -> !classes.contains(c)).toList()
						+ ": the model learns that they do not occur");
			s.classes = known;
			s.init = init.networkFile();
			s.learningRate = FINE_TUNE_LR;
			s.validateFirst = true;
		}
		s.crop = crop;
		s.oneVsRest = 1; // keeps a class's map low on the other classes, for Grad-CAM on whole images
		s.seed = r.seed();
		s.resume = r.resume();
		s.budget(r.steps(), r.minutes());
		return s;
	}
}
