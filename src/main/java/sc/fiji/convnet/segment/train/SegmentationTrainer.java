package sc.fiji.convnet.segment.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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

/**
 * Train Segmentation Model: trains (or fine-tunes) a three-class nuclei network on the user's annotated images and
 * writes a model folder that Segment Nuclei finds by name: {@code network.net} (the best network, engine format),
 * its checkpoint {@code network.net.ckpt} (for {@code resume}), {@code model.onnx}, {@code bioimageio.yaml} with the
 * training record, test tensors and {@code training.log}.
 * <p>
 * A fine-tuned model keeps the scale of the model it starts from (crops are zoomed from each image's own nucleus
 * size to the trained diameter), and its starting network is scored first, so the model written is never worse on
 * the validation images than the one it started from.
 */
public final class SegmentationTrainer {

	/** The network file in the model folder; its checkpoint lies beside it. */
	public static final String NETWORK = TrainingFolder.NETWORK;
	private static final double FINE_TUNE_LR = 5e-4, SCRATCH_LR = 2e-3;

	/** What a training run gave: the model folder, the validation AP@0.5 at the start (NaN from scratch) and of the model kept. */
	public record Result(Path model, double startAp, double bestAp, int steps, boolean stopped, int trainImages, int valImages) {
		@Override
		public String toString() {
			return new TrainingSummary(model, "val AP@0.5", startAp, bestAp, steps, stopped, trainImages, valImages).toString();
		}
	}

	private SegmentationTrainer() {}

	/**
	 * Trains on {@code train}, keeps the network with the best AP@0.5 on {@code val} (each image at its true nucleus
	 * size) and writes the model folder. {@code log} gets the figures as lines; {@code monitor} follows the run (plot, Esc).
	 */
	public static Result train(TrainingJob r, boolean augment, List<NucleiSample> train, List<NucleiSample> val, PrintStream log,
			TrainingLoop.Monitor monitor) throws IOException {
		return train(r, augment, train, val, List.of(), log, monitor);
	}

	/**
	 * The same, fine-tuning with rehearsal: {@code replay} images (no labels needed) are labelled by the starting
	 * network and mixed into the crops, so that the model keeps working on the images it worked on.
	 */
	public static Result train(TrainingJob r, boolean augment, List<NucleiSample> train, List<NucleiSample> val, List<NucleiSample> replay, PrintStream log,
			TrainingLoop.Monitor monitor) throws IOException {
		if (train.isEmpty()) throw new IOException("no annotated images to train on");
		if (train.stream().allMatch(t -> t.labels().count() == 0)) throw new IOException("the label images hold no objects");
		TrainingFolder out = TrainingFolder.open(r.outputFolder(), r.resume(), log);
		Path folder = out.folder(), network = out.network();
		NucleiTraining.Settings s = settings(r, augment, train, log);
		PrintStream both = out.log();
		both.printf(Locale.ROOT, "train-segmentation: %d training and %d validation images, %s, model %s%n", train.size(), val.size(),
				r.fromScratch() ? "from scratch" : "fine-tuning " + r.init(), folder);
		int held = val.size();
		if (val.isEmpty()) {
			both.println("train-segmentation: warning: no validation image (one image, or holdout 0): the best network is chosen on the training images");
			val = train;
		}
		NucleiTraining training0 = new NucleiTraining(s, both);
		if (s.init != null && !replay.isEmpty()) training0.replay(labelledByStart(Network.load(s.init), s.diameter, replay));
		TrainingLoop.Outcome outcome = training0.train(train, Map.of("val", val), network, monitor);
		Network best = Network.load(network);
		double bestAp = NucleiTraining.validate(best, Map.of("val", val), s.diameter).get("val");
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("data", train.size() + " annotated images (" + held + " more for validation)");
		training.put("init", r.initName());
		training.put("steps", outcome.lastStep());
		training.put("command", r.command());
		training.put("log", "training.log");
		NucleiModelExport.export(best, folder, s.diameter, training, val.get(0), bestAp,
				new NucleiModelExport.About(r.modelName(), "Three-class nuclei U-Net " + (r.fromScratch() ? "trained" : "fine-tuned from " + r.init())
						+ " with ConvNet for Fiji on the user's annotated images; instances by seeded watershed.", train.size() + " annotated images",
						val.size() + " images"));
		out.saveLog();
		return new Result(folder, outcome.startScore(), bestAp, outcome.lastStep(), outcome.stopped(), train.size(), held);
	}

	/** The replay images with the instance labels the starting network gives them (default pipeline, automatic size). */
	static List<NucleiSample> labelledByStart(Network start, double diameter, List<NucleiSample> replay) {
		sc.fiji.convnet.segment.NucleiSegmenter segmenter = sc.fiji.convnet.segment.NucleiSegmenter.builder(NucleiTraining.engineModel(start, diameter)).build();
		List<NucleiSample> out = new ArrayList<>();
		for (NucleiSample x : replay) {
			sc.fiji.convnet.segment.LabelImage l = segmenter.segment(x.pixels(), x.width(), x.height(), sc.fiji.convnet.predict.Progress.NONE).labels();
			if (l.count() > 0) out.add(new NucleiSample(x.id(), x.width(), x.height(), x.pixels(), l));
		}
		return out;
	}

	/** The settings of a run: the starting model's scale and network, the time or step budget, the data's augmentation. */
	static NucleiTraining.Settings settings(TrainingJob r, boolean augment, List<NucleiSample> train, PrintStream log) throws IOException {
		NucleiTraining.Settings s = new NucleiTraining.Settings();
		s.seed = r.seed();
		s.augment = augment;
		s.resume = r.resume();
		if (r.fromScratch()) {
			s.learningRate = SCRATCH_LR;
			s.diameter = NucleiModelExport.medianDiameter(train);
		} else {
			ModelFiles init = ModelRepository.standard().find(r.init());
			Object output = init.config().get("output");
			if (!"background_interior_boundary".equals(output) && !"background_interior_boundary_distance".equals(output))
				throw new IOException("model " + r.init() + " is not a three-class nuclei model of this plugin (its output is " + output
						+ "); fine-tune a model trained here, or use init=none");
			if (init.networkFile() == null) throw new IOException("model " + r.init() + " has no engine network (network.net) to fine-tune; use init=none");
			s.init = init.networkFile();
			s.distance = "background_interior_boundary_distance".equals(output);
			s.learningRate = FINE_TUNE_LR;
			s.warmup = 50;
			s.validateFirst = true;
			s.diameter = init.config().get("diameter") instanceof Number n ? n.doubleValue() : NucleiModelExport.medianDiameter(train);
		}
		if (!(s.diameter > 0)) throw new IOException("cannot tell the nucleus size: the label images hold no objects");
		s.budget(r.steps(), r.minutes());
		log.printf(Locale.ROOT, "train-segmentation: training scale %.1f px nuclei%n", s.diameter);
		return s;
	}
}
