package sc.fiji.convnet.detect.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionMetrics;
import sc.fiji.convnet.detect.GridDetector;
import sc.fiji.convnet.detect.NonMaxSuppression;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.engine.MultiplyAdds;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.Loss;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.engine.optim.TrainingCheckpoint;
import sc.fiji.convnet.engine.optim.TrainingSettings;
import sc.fiji.convnet.predict.EnginePredictor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Trains a detector ({@link DetectorDesign}: {@code grid} or {@code centre}) from scratch with the engine,
 * seeded: Adam with warm-up and a cosine learning-rate schedule on augmented crops of the {@code train}
 * split at the training input scale (random scale, flips, transpose, colour; for the centre design half the
 * crops are centred near a box of a uniformly drawn class, so that platelets are not drowned by red cells); every {@code evalEvery} steps
 * the whole pipeline (resize, one pass, decoding, per-class NMS) is scored on the {@code val} split
 * (mAP@0.5, Pascal VOC) and the best network is kept. A checkpoint (network, Adam's moments, step, best
 * score) is written atomically every {@link Settings#checkpointEvery} steps beside the output;
 * {@link Settings#resume} continues from it on the same schedule and with the same crops.
 */
public final class DetectorTraining {

	public static final class Settings extends TrainingSettings {
		public String arch = DetectorDesign.GRID;
		public double inputScale = 0.5, minScale = 0.75, maxScale = 1.33;
		public double minScore = 0.01, nmsIou = 0.45;
		public int checkpointEvery = 100;
		/** Share of crops centred near a box of a class drawn uniformly (so rare platelets are seen as often as red cells). */
		public double focusShare = 0;
		public boolean resume;

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

	/** Trains, writes the best network to {@code best} and returns its val mAP@0.5. */
	public double train(List<DetectionSample> train, List<DetectionSample> val, List<String> classes, Path best) throws IOException {
		DetectorDesign design = design(classes);
		Path checkpoint = TrainingCheckpoint.beside(best);
		TrainingCheckpoint resumed = s.resume ? TrainingCheckpoint.loadIfPresent(checkpoint) : null;
		Network net = resumed != null ? resumed.network() : design.build(s.width, s.seed);
		int first = resumed != null ? resumed.step() + 1 : 1;
		double bestMap = resumed != null ? resumed.bestScore() : -1;
		if (resumed != null) log.printf(Locale.ROOT, "resuming from %s after step %d (best val mAP@0.5 %.4f)%n", checkpoint, resumed.step(), bestMap);
		int w = (int) Math.round(640 * s.inputScale), h = (int) Math.round(480 * s.inputScale);
		int m = design.sizeMultiple();
		log.printf(Locale.ROOT, "%s detector width %d: %,d parameters, stride %d, receptive field %.0f px at input scale %.2f; %.2f G multiply-adds per 640×480 image%n",
				design.name(), s.width, net.parameterCount(), design.decoder().stride(), net.receptiveField().size(), s.inputScale,
				MultiplyAdds.of(net, 1, 3, (h + m - 1) / m * m, (w + m - 1) / m * m) / 1e9);
		log.printf(Locale.ROOT, "crops %d px, batch %d, %d steps, peak lr %g, warm-up %d, scale %.2f–%.2f, %.0f %% of crops around a box of a uniformly drawn class%n",
				s.crop, s.batch, s.steps, s.learningRate, s.warmup, s.minScale, s.maxScale, 100 * s.focusShare);
		Adam adam = new Adam(net.parameters(), s.learningRate);
		if (resumed != null) resumed.restore(adam);
		Loss loss = design.loss();
		Trainer trainer = new Trainer(net, loss, adam);
		List<RgbImage> images = new ArrayList<>();
		List<List<Box>> boxes = new ArrayList<>();
		for (DetectionSample t : train) {
			RgbImage im = t.image();
			RgbImage small = im.resized((int) Math.round(im.width() * s.inputScale), (int) Math.round(im.height() * s.inputScale));
			double fx = small.width() / (double) im.width(), fy = small.height() / (double) im.height();
			images.add(small);
			boxes.add(t.boxes().stream().map(b -> b.mapped(fx, fy, 0, 0)).toList());
		}
		List<List<int[]>> byClass = new ArrayList<>(); // per class: (image, box) of every box
		for (String c : classes) {
			List<int[]> of = new ArrayList<>();
			for (int k = 0; k < boxes.size(); k++)
				for (int j = 0; j < boxes.get(k).size(); j++) if (boxes.get(k).get(j).label().equals(c)) of.add(new int[] { k, j });
			if (!of.isEmpty()) byClass.add(of);
		}
		DetectionAugmenter aug = new DetectionAugmenter(s.crop, s.minScale, s.maxScale);
		int stride = design.decoder().stride(), g = s.crop / stride, plane = s.crop * s.crop;
		double running = 0, runningParts[] = new double[2];
		long start = System.nanoTime(), lastLog = start;
		int lastLogStep = first - 1;
		for (int step = first; step <= s.steps; step++) {
			SplittableRandom rng = new SplittableRandom(s.seed * 0x9E3779B97F4A7C15L + step); // per step, so a resumed run draws the same crops
			adam.learningRate(s.rate(step));
			float[] x = new float[s.batch * 3 * plane], y = new float[s.batch * design.targetChannels() * g * g];
			for (int b = 0; b < s.batch; b++) {
				int k = rng.nextInt(images.size());
				Box focus = null;
				if (s.focusShare > 0 && rng.nextDouble() < s.focusShare) {
					List<int[]> of = byClass.get(rng.nextInt(byClass.size())); // a class, then one of its boxes
					int[] pick = of.get(rng.nextInt(of.size()));
					k = pick[0];
					focus = boxes.get(k).get(pick[1]);
				}
				design.encode(aug.crop(images.get(k), boxes.get(k), focus, rng, x, b), g, g, y, b);
			}
			double value = trainer.step(new Tensor(x, s.batch, 3, s.crop, s.crop), new Tensor(y, s.batch, design.targetChannels(), g, g));
			running = step == first ? value : 0.98 * running + 0.02 * value;
			if (loss instanceof CentreDetectionLoss c) {
				runningParts[0] = step == first ? c.lastFocal() : 0.98 * runningParts[0] + 0.02 * c.lastFocal();
				runningParts[1] = step == first ? c.lastBox() : 0.98 * runningParts[1] + 0.02 * c.lastBox();
			}
			long now = System.nanoTime();
			double minutes = (now - start) / 6e10;
			boolean last = s.isLast(step, minutes);
			if (step % 25 == 0) {
				String parts = loss instanceof CentreDetectionLoss
						? String.format(Locale.ROOT, " (heat %.4f, 1−GIoU %.4f)", runningParts[0], runningParts[1]) : "";
				log.printf(Locale.ROOT, "step %5d  loss %.4f%s  lr %.5f  %.1f min  %.2f steps/s%n", step, running, parts, s.rate(step), minutes,
						(step - lastLogStep) / ((now - lastLog) / 1e9));
				lastLog = now;
				lastLogStep = step;
			}
			if (step % s.evalEvery == 0 || last) {
				DetectionMetrics metrics = validate(net, design, val);
				double map = metrics.meanAveragePrecision(0.5);
				StringBuilder per = new StringBuilder();
				for (String c : metrics.classes()) per.append(String.format(Locale.ROOT, " %s %.3f", c, metrics.averagePrecision(c, 0.5)));
				log.printf(Locale.ROOT, "step %5d  val mAP@0.5 %.4f (%s ) AP@.5:.95 %.4f%s%n", step, map, per, metrics.meanAveragePrecision50to95(),
						map > bestMap ? "  (best, saved)" : "");
				if (map > bestMap) {
					bestMap = map;
					Path parent = best.toAbsolutePath().getParent();
					if (parent != null) Files.createDirectories(parent);
					net.save(best);
				}
			}
			if (step % s.checkpointEvery == 0 || last) TrainingCheckpoint.of(step, bestMap, net, adam).save(checkpoint);
			if (last) {
				if (step < s.steps) log.printf(Locale.ROOT, "stopped after step %d (time limit); resume with --resume%n", step);
				break;
			}
		}
		return bestMap;
	}

	/** Scores the pipeline on the val images at the training scale. */
	public DetectionMetrics validate(Network net, DetectorDesign design, List<DetectionSample> val) {
		GridDetector detector = new GridDetector(new EnginePredictor(net, design.name() + " detector"), design.decoder(), s.inputScale);
		NonMaxSuppression nms = new NonMaxSuppression(s.minScore, s.nmsIou, false);
		DetectionMetrics m = new DetectionMetrics();
		for (DetectionSample v : val) m.add(v.boxes(), detector.detect(v.image(), new double[] { 1 }, s.minScore, nms));
		return m;
	}
}
