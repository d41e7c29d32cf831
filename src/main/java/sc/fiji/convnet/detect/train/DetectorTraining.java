package sc.fiji.convnet.detect.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.optim.TrainingSettings;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionMetrics;
import sc.fiji.convnet.detect.GridDetector;
import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.detect.NonMaxSuppression;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.predict.EnginePredictor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Trains the grid detector from scratch with the engine, seeded: Adam with warm-up and a cosine
 * learning-rate schedule on augmented crops of the {@code train} split at the training input scale;
 * every {@code evalEvery} steps the whole pipeline (resize, one pass, decoding, per-class NMS) is scored
 * on the {@code val} split (mAP@0.5, Pascal VOC) and the best network is kept.
 */
public final class DetectorTraining {

	public static final class Settings extends TrainingSettings {
		public double inputScale = 0.5, minScale = 0.75, maxScale = 1.33;
		public double referenceSize = 32, noObjectWeight = 0.5, boxWeight = 2;
		public double minScore = 0.01, nmsIou = 0.45;

		public Settings() { crop = 160; }
	}

	private final Settings s;
	private final PrintStream log;

	public DetectorTraining(Settings settings, PrintStream log) {
		this.s = settings;
		this.log = log;
	}

	public GridLayout layout(List<String> classes) { return new GridLayout(classes, GridDetectorNet.STRIDE, s.referenceSize); }

	/** Trains, writes the best network to {@code best} and returns its val mAP@0.5. */
	public double train(List<DetectionSample> train, List<DetectionSample> val, List<String> classes, Path best) throws IOException {
		GridLayout layout = layout(classes);
		Network net = GridDetectorNet.build(layout, s.width, s.seed);
		log.printf(Locale.ROOT, "grid detector width %d: %,d parameters, stride %d, receptive field %.0f px at input scale %.2f%n", s.width,
				net.parameterCount(), layout.stride(), net.receptiveField().size(), s.inputScale);
		Adam adam = new Adam(net.parameters(), s.learningRate);
		Trainer trainer = new Trainer(net, new GridDetectionLoss(layout, s.noObjectWeight, s.boxWeight), adam);
		List<RgbImage> images = new ArrayList<>();
		List<List<Box>> boxes = new ArrayList<>();
		for (DetectionSample t : train) {
			RgbImage im = t.image();
			RgbImage small = im.resized((int) Math.round(im.width() * s.inputScale), (int) Math.round(im.height() * s.inputScale));
			double fx = small.width() / (double) im.width(), fy = small.height() / (double) im.height();
			images.add(small);
			boxes.add(t.boxes().stream().map(b -> b.mapped(fx, fy, 0, 0)).toList());
		}
		DetectionAugmenter aug = new DetectionAugmenter(s.crop, s.minScale, s.maxScale);
		SplittableRandom rng = new SplittableRandom(s.seed);
		int g = s.crop / layout.stride(), plane = s.crop * s.crop;
		double bestMap = -1, running = 0;
		long start = System.nanoTime();
		for (int step = 1; step <= s.steps; step++) {
			adam.learningRate(s.rate(step));
			float[] x = new float[s.batch * 3 * plane], y = new float[s.batch * layout.channels() * g * g];
			for (int b = 0; b < s.batch; b++) {
				int k = rng.nextInt(images.size());
				List<Box> cropBoxes = aug.crop(images.get(k), boxes.get(k), rng, x, b);
				GridTargets.encode(layout, cropBoxes, g, g, y, b);
			}
			double loss = trainer.step(new Tensor(x, s.batch, 3, s.crop, s.crop), new Tensor(y, s.batch, layout.channels(), g, g));
			running = step == 1 ? loss : 0.98 * running + 0.02 * loss;
			double minutes = (System.nanoTime() - start) / 6e10;
			boolean last = s.isLast(step, minutes);
			if (step % 25 == 0) log.printf(Locale.ROOT, "step %5d  loss %.4f  lr %.5f  %.1f min%n", step, running, s.rate(step), minutes);
			if (step % s.evalEvery == 0 || last) {
				DetectionMetrics m = validate(net, layout, val);
				double map = m.meanAveragePrecision(0.5);
				StringBuilder per = new StringBuilder();
				for (String c : m.classes()) per.append(String.format(Locale.ROOT, " %s %.3f", c, m.averagePrecision(c, 0.5)));
				log.printf(Locale.ROOT, "step %5d  val mAP@0.5 %.4f (%s ) AP@.5:.95 %.4f%s%n", step, map, per.toString().trim().isEmpty() ? "" : per,
						m.meanAveragePrecision50to95(), map > bestMap ? "  (best, saved)" : "");
				if (map > bestMap) {
					bestMap = map;
					Path parent = best.toAbsolutePath().getParent();
					if (parent != null) Files.createDirectories(parent);
					net.save(best);
				}
			}
			if (last) break;
		}
		return bestMap;
	}


	/** Scores the pipeline on the val images at the training scale. */
	public DetectionMetrics validate(Network net, GridLayout layout, List<DetectionSample> val) {
		GridDetector detector = new GridDetector(new EnginePredictor(net, "grid detector"), layout, s.inputScale);
		NonMaxSuppression nms = new NonMaxSuppression(s.minScore, s.nmsIou, false);
		DetectionMetrics m = new DetectionMetrics();
		for (DetectionSample v : val) m.add(v.boxes(), detector.detect(v.image(), new double[] { 1 }, s.minScore, nms));
		return m;
	}
}
