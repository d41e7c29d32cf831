package sc.fiji.convnet.detect.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.convnet.detect.DetectionMetrics;
import sc.fiji.convnet.detect.GridDetector;
import sc.fiji.convnet.detect.NonMaxSuppression;
import sc.fiji.convnet.engine.MultiplyAdds;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.Loss;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.engine.optim.TrainingCheckpoint;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSettings;
import sc.fiji.convnet.predict.EnginePredictor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Trains a detector ({@link DetectorDesign}: {@code grid} or {@code centre}) from scratch or from a trained network
 * ({@link Settings#init}) with the engine's {@link TrainingLoop}, seeded: Adam with warm-up and a cosine learning-rate
 * schedule on augmented crops of the {@code train} split at the training input scale (random scale, flips, transpose,
 * colour; for the centre design half the crops are centred near a box of a uniformly drawn class, so that platelets
 * are not drowned by red cells); every {@code evalEvery} steps the whole pipeline (resize, one pass, decoding,
 * per-class NMS) is scored on the {@code val} split (mAP@0.5, Pascal VOC) and the best network is kept. A checkpoint
 * (network, Adam's moments, step, best score) is written atomically every {@link Settings#checkpointEvery} steps
 * beside the output; {@link Settings#resume} continues from it on the same schedule and with the same crops.
 */
public final class DetectorTraining {

	public static final class Settings extends TrainingSettings {
		public String arch = DetectorDesign.GRID;
		public double inputScale = 0.5, minScale = 0.75, maxScale = 1.33;
		public double minScore = 0.01, nmsIou = 0.45;
		/** Share of crops centred near a box of a class drawn uniformly (so rare platelets are seen as often as red cells). */
		public double focusShare = 0;

		public Settings() { crop = 160; }

		/** The defaults of an architecture: the centre detector sees 0.75× images in 256-pixel crops, batch 8. */
		public static Settings forArch(String arch) {
			Settings s = new Settings();
			s.arch = arch;
			if (DetectorDesign.of(arch, List.of("x")) instanceof DetectorDesign.Centre) {
				s.inputScale = 0.75;
				s.crop = 256;
				s.minScale = 0.7;
				s.maxScale = 1.4;
				s.steps = 8000;
				s.evalEvery = 500;
				s.warmup = 300;
				s.finalFraction = 0.02;
				s.focusShare = 0.5;
			}
			return s;
		}
	}

	private final Settings s;
	private final PrintStream log;

	public DetectorTraining(Settings settings, PrintStream log) {
		this.s = settings;
		this.log = log;
	}

	public DetectorDesign design(List<String> classes) { return DetectorDesign.of(s.arch, classes); }

	/** Trains, writes the best network to {@code best} and returns how the run ended (its best val mAP@0.5). */
	public TrainingLoop.Outcome train(List<DetectionSample> train, List<DetectionSample> val, List<String> classes, Path best) throws IOException {
		return train(train, val, classes, best, TrainingLoop.Monitor.NONE);
	}

	/** The same, followed by {@code monitor} (progress, validation scores, a stop request). */
	public TrainingLoop.Outcome train(List<DetectionSample> train, List<DetectionSample> val, List<String> classes, Path best,
			TrainingLoop.Monitor monitor) throws IOException {
		DetectorDesign design = design(classes);
		Path checkpoint = TrainingCheckpoint.beside(best);
		TrainingCheckpoint resumed = s.resume ? TrainingCheckpoint.loadIfPresent(checkpoint) : null;
		Network net;
		if (resumed != null) {
			net = resumed.network();
			log.printf(Locale.ROOT, "resuming from %s after step %d (best val mAP@0.5 %.4f)%n", checkpoint, resumed.step(), resumed.bestScore());
		} else if (s.init != null) {
			net = Network.load(s.init);
			log.printf(Locale.ROOT, "starting from %s%n", s.init);
		} else net = design.build(s.width, s.seed);
		int w = (int) Math.round(640 * s.inputScale), h = (int) Math.round(480 * s.inputScale);
		int m = design.sizeMultiple();
		log.printf(Locale.ROOT, "%s detector width %d: %,d parameters, stride %d, receptive field %.0f px at input scale %.2f; %.2f G multiply-adds per 640×480 image%n",
				design.name(), s.width, net.parameterCount(), design.decoder().stride(), net.receptiveField().size(), s.inputScale,
				MultiplyAdds.of(net, 1, 3, (h + m - 1) / m * m, (w + m - 1) / m * m) / 1e9);
		log.printf(Locale.ROOT, "crops %d px, batch %d, %s, peak lr %g, warm-up %d, scale %.2f–%.2f, %.0f %% of crops around a box of a uniformly drawn class%n",
				s.crop, s.batch, s.steps > 0 ? s.steps + " steps" : String.format(Locale.ROOT, "%.1f minutes", s.maxMinutes), s.learningRate, s.warmup,
				s.minScale, s.maxScale, 100 * s.focusShare);
		Adam adam = new Adam(net.parameters(), s.learningRate);
		if (resumed != null) resumed.restore(adam);
		Loss loss = design.loss();
		Trainer trainer = new Trainer(net, loss, adam);
		DetectionBatches batches = new DetectionBatches(train, design, s);
		TrainingLoop.Task task = new TrainingLoop.Task() {
			private final double[] parts = new double[2];
			private boolean first = true;

			@Override
			public double step(int step, SplittableRandom rng) {
				Tensor[] xy = batches.draw(rng);
				double value = trainer.step(xy[0], xy[1]);
				if (loss instanceof CentreDetectionLoss c) {
					parts[0] = first ? c.lastFocal() : 0.98 * parts[0] + 0.02 * c.lastFocal();
					parts[1] = first ? c.lastBox() : 0.98 * parts[1] + 0.02 * c.lastBox();
				}
				first = false;
				return value;
			}

			@Override
			public String lossParts() {
				return loss instanceof CentreDetectionLoss ? String.format(Locale.ROOT, " (heat %.4f, 1−GIoU %.4f)", parts[0], parts[1]) : "";
			}

			@Override
			public TrainingLoop.Score validate() { return score(DetectorTraining.this.validate(net, design, val)); }
		};
		return new TrainingLoop(s, log).monitor(monitor).checkpointEvery(s.checkpointEvery).validateFirst(s.validateFirst).run(task, net, adam, best, resumed);
	}

	/** mAP@0.5 as the score, with each class's AP@0.5 and the mAP@[.5:.95] in its log line. */
	static TrainingLoop.Score score(DetectionMetrics metrics) {
		double map = metrics.meanAveragePrecision(0.5);
		StringBuilder per = new StringBuilder();
		for (String c : metrics.classes()) per.append(String.format(Locale.ROOT, " %s %.3f", c, metrics.averagePrecision(c, 0.5)));
		return new TrainingLoop.Score(map, String.format(Locale.ROOT, "val mAP@0.5 %.4f (%s ) AP@.5:.95 %.4f", map, per, metrics.meanAveragePrecision50to95()));
	}

	/** Scores the pipeline on the val images at the training scale. */
	public DetectionMetrics validate(Network net, DetectorDesign design, List<DetectionSample> val) {
		GridDetector detector = new GridDetector(new EnginePredictor(net, design.name() + " detector"), design.decoder(), s.inputScale);
		NonMaxSuppression nms = new NonMaxSuppression(s.minScore, s.nmsIou, false);
		DetectionMetrics m = new DetectionMetrics();
		for (DetectionSample v : val) m.add(v.boxes(), detector.detect(v.image(), new double[] { 1 }, 1, s.minScore, nms));
		return m;
	}
}
