package sc.fiji.convnet.segment.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.optim.TrainingSettings;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.model.transform.ScaleRange;
import sc.fiji.convnet.predict.EnginePredictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.ChannelSoftmax;
import sc.fiji.convnet.segment.InstanceDecoder;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationMetrics;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Trains the three-class nuclei U-Net (background, interior, boundary) with the engine, seeded and
 * reproducible for a given thread count: Adam with a cosine learning-rate schedule on augmented
 * crops of the {@code train} split, validation AP@0.5 of the full pipeline (normalisation, tiled
 * prediction, watershed decoding) on the {@code val} split, and the best network kept.
 */
public final class NucleiTraining {

	/** Percentile normalisation shared by training and prediction (bioimage.io scale_range). */
	public static final double LOW_PERCENTILE = 1, HIGH_PERCENTILE = 99.8;
	public static final float[] CLASS_WEIGHTS = { 1f, 1f, 2f };

	public static final class Settings extends TrainingSettings {
		public int depth = 4, boundaryWidth = 1;
		public double minScale = 0.5, maxScale = 2.0;
		/** A trained network to continue from (its own architecture; depth and width are then ignored), or null. */
		public Path init;

		public Settings() { steps = 4000; evalEvery = 250; finalFraction = 0.05; }
	}

	private final Settings s;
	private final PrintStream log;

	public NucleiTraining(Settings settings, PrintStream log) {
		this.s = settings;
		this.log = log;
	}

	public static Tensor normalize(float[] pixels, int w, int h) {
		return new ScaleRange(List.of("y", "x"), LOW_PERCENTILE, HIGH_PERCENTILE, 1e-6)
				.apply(new Tensor(pixels.clone(), 1, 1, h, w), List.of("b", "c", "y", "x"));
	}

	/** Trains and writes the best network to {@code best}; returns its validation AP@0.5. */
	public double train(List<NucleiSample> train, List<NucleiSample> val, Path best) throws IOException {
		Network net;
		if (s.init != null) {
			net = Network.load(s.init);
			log.printf(Locale.ROOT, "continuing from %s: %,d parameters, receptive field %.0f px%n", s.init, net.parameterCount(), net.receptiveField().size());
		} else {
			net = UNet.builder().inChannels(1).classes(3).depth(s.depth).baseWidth(s.width).seed(s.seed).build();
			log.printf(Locale.ROOT, "U-Net depth %d width %d: %,d parameters, receptive field %.0f px%n", s.depth, s.width, net.parameterCount(),
					net.receptiveField().size());
		}
		log.printf(Locale.ROOT, "crops %d px, batch %d, %d steps, peak lr %g, zoom %.2f–%.2f%n", s.crop, s.batch, s.steps, s.learningRate, s.minScale, s.maxScale);
		Adam adam = new Adam(net.parameters(), s.learningRate);
		Trainer trainer = new Trainer(net, new SoftmaxCrossEntropy(CLASS_WEIGHTS), adam);
		List<float[]> normalized = new ArrayList<>();
		for (NucleiSample t : train) normalized.add(normalize(t.pixels(), t.width(), t.height()).data());
		Augmenter aug = new Augmenter(s.crop, s.minScale, s.maxScale);
		SplittableRandom rng = new SplittableRandom(s.seed);
		int plane = s.crop * s.crop;
		float[] x = new float[s.batch * plane];
		int[] instances = new int[s.batch * plane];
		double bestAp = -1, running = 0;
		long start = System.nanoTime();
		for (int step = 1; step <= s.steps; step++) {
			adam.learningRate(s.rate(step));
			for (int b = 0; b < s.batch; b++) {
				int k = rng.nextInt(train.size());
				NucleiSample t = train.get(k);
				aug.crop(normalized.get(k), t.labels().labels(), t.width(), t.height(), rng, x, instances, b * plane);
			}
			float[] y = new float[s.batch * plane];
			for (int b = 0; b < s.batch; b++) {
				int[] one = new int[plane];
				System.arraycopy(instances, b * plane, one, 0, plane);
				System.arraycopy(ThreeClassTarget.classes(one, s.crop, s.crop, s.boundaryWidth), 0, y, b * plane, plane);
			}
			double loss = trainer.step(new Tensor(x.clone(), s.batch, 1, s.crop, s.crop), new Tensor(y, s.batch, s.crop, s.crop));
			running = step == 1 ? loss : 0.98 * running + 0.02 * loss;
			double minutes = (System.nanoTime() - start) / 6e10;
			boolean last = s.isLast(step, minutes);
			if (step % 25 == 0) log.printf(Locale.ROOT, "step %5d  loss %.4f  lr %.5f  %.1f min%n", step, running, s.rate(step), minutes);
			if (step % s.evalEvery == 0 || last) {
				double ap = validate(net, val);
				log.printf(Locale.ROOT, "step %5d  val AP@0.5 %.4f%s%n", step, ap, ap > bestAp ? "  (best, saved)" : "");
				if (ap > bestAp) {
					bestAp = ap;
					Files.createDirectories(best.toAbsolutePath().getParent());
					net.save(best);
				}
			}
			if (last) break;
		}
		return bestAp;
	}


	/** AP@0.5 of the whole pipeline with default decoding settings. */
	public static double validate(Network net, List<NucleiSample> val) {
		SegmentationMetrics metrics = new SegmentationMetrics(0.5);
		NucleiSegmenter segmenter = NucleiSegmenter.builder(engineModel(net)).build();
		for (NucleiSample v : val) {
			LabelImage predicted = segmenter.segment(v.pixels(), v.width(), v.height(), Progress.NONE).labels();
			metrics.add(v.labels(), predicted);
		}
		return metrics.averagePrecision(0);
	}

	/** The network as a segmentation model on the engine backend, with the training normalisation. */
	public static SegmentationModel engineModel(Network net) {
		return new SegmentationModel("nuclei (engine)", new EnginePredictor(net, "nuclei"), InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY,
				t -> normalize(t.data(), t.w(), t.h()), ChannelSoftmax::apply, 0);
	}
}
