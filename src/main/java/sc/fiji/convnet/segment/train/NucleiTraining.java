package sc.fiji.convnet.segment.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.ClassesAndDistance;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.engine.optim.TrainingCheckpoint;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.engine.optim.TrainingSettings;
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
 * prediction, watershed decoding) on each {@code val} split, and the best network kept.
 * <p>
 * With a training {@link Settings#diameter diameter} every crop is zoomed from its image's own median
 * nucleus size: most crops to about that diameter (the scale the segmenter rescales images to), the
 * rest over the whole zoom range, so that a first pass at the wrong scale still finds nuclei whose size
 * tells the right one. Images are drawn so that every nucleus size is seen about equally often.
 * A checkpoint (network, Adam's moments, step, best score) is written atomically every
 * {@link Settings#checkpointEvery} steps; {@link Settings#resume} continues from it on the same schedule.
 */
public final class NucleiTraining {

	/** Percentile normalisation shared by training and prediction (bioimage.io scale_range). */
	public static final double LOW_PERCENTILE = 1, HIGH_PERCENTILE = 99.8;
	public static final float[] CLASS_WEIGHTS = { 1f, 1f, 2f };

	public static final class Settings extends TrainingSettings {
		public int depth = 4, boundaryWidth = 1;
		/** Zoom range of the wide share of crops, relative to {@link #diameter} (or to the raw image when it is 0). */
		public double minScale = 0.25, maxScale = 4.0;
		/** Nucleus diameter in pixels that crops are zoomed to; 0 zooms raw images over [minScale, maxScale]. */
		public double diameter = 17.6;
		/** Share of crops zoomed to within 0.7–1.4× of {@link #diameter}; the rest spread over the whole zoom range. */
		public double nearShare = 0.6;
		/** Flips, rotations and intensity changes of the crops (zoom is always varied). */
		public boolean augment = true;
		/**
		 * A fourth output, each nucleus pixel's normalised distance to its edge ({@link DistanceTarget}), learnt beside
		 * the classes; its centres seed the nuclei. A three-class starting network gets the output added ({@link DistanceHead}).
		 */
		public boolean distance = false;
		/** Weight of the distance output's loss against the classes'. */
		public double distanceWeight = 1.0;

		/**
		 * Share of crops drawn from the {@link NucleiTraining#replay replay} images, so that a fine-tuned model keeps
		 * what it knew (rehearsal); unused without replay images.
		 */
		public double replayShare = 0.3;

		public Settings() { steps = 4000; evalEvery = 250; finalFraction = 0.05; }
	}

	private final Settings s;
	private final PrintStream log;
	private List<NucleiSample> replay = List.of();
	private int[] sourceSizes;

	public NucleiTraining(Settings settings, PrintStream log) {
		this.s = settings;
		this.log = log;
	}

	/** The training normalisation: scale_range between the low and high percentiles of each image. */
	static final ScaleRange NORMALIZATION = new ScaleRange(List.of("y", "x"), LOW_PERCENTILE, HIGH_PERCENTILE, 1e-6);

	public static Tensor normalize(float[] pixels, int w, int h) {
		return NORMALIZATION
				.apply(new Tensor(pixels.clone(), 1, 1, h, w), List.of("b", "c", "y", "x"));
	}

	/**
	 * The training list is the concatenation of data sets of these sizes (in order); each then gives an equal share
	 * of the crops, so that a small set of one kind of image is not drowned by a large one of another.
	 */
	public NucleiTraining sources(int... sizes) {
		this.sourceSizes = sizes.clone();
		return this;
	}

	/**
	 * Images of what the starting network already does well, with its own labels, mixed into the crops
	 * ({@link Settings#replayShare}): fine-tuning on a new microscope then does not forget the old one.
	 */
	public NucleiTraining replay(List<NucleiSample> images) {
		this.replay = List.copyOf(images);
		return this;
	}

	/** Where the checkpoint of a run writing {@code best} lies. */
	public static Path checkpointOf(Path best) {
		return TrainingCheckpoint.beside(best);
	}

	/**
	 * Trains and writes the best network to {@code best}; returns its validation score (the mean AP@0.5
	 * over the validation sets, each image at its true nucleus size when a training diameter is set).
	 */
	public double train(List<NucleiSample> train, Map<String, List<NucleiSample>> val, Path best) throws IOException {
		return train(train, val, best, TrainingLoop.Monitor.NONE).bestScore();
	}

	/** The same, followed by {@code monitor} (progress, validation scores, a stop request). */
	public TrainingLoop.Outcome train(List<NucleiSample> train, Map<String, List<NucleiSample>> val, Path best, TrainingLoop.Monitor monitor)
			throws IOException {
		Path checkpoint = checkpointOf(best);
		Network start;
		TrainingCheckpoint resumed = s.resume ? TrainingCheckpoint.loadIfPresent(checkpoint) : null;
		if (resumed != null) {
			start = resumed.network();
			log.printf(Locale.ROOT, "resuming from %s after step %d (best val %.4f)%n", checkpoint, resumed.step(), resumed.bestScore());
		} else if (s.init != null) {
			start = Network.load(s.init);
			log.printf(Locale.ROOT, "starting from %s: %,d parameters, receptive field %.0f px%n", s.init, start.parameterCount(), start.receptiveField().size());
			if (s.distance && DistanceHead.outputs(start) == 3) {
				start = DistanceHead.widen(start, s.seed);
				log.println("added the distance output to the starting network's three classes");
			}
		} else {
			start = UNet.builder().inChannels(1).classes(s.distance ? 4 : 3).depth(s.depth).baseWidth(s.width).seed(s.seed).build();
			log.printf(Locale.ROOT, "U-Net depth %d width %d: %,d parameters, receptive field %.0f px%n", s.depth, s.width, start.parameterCount(),
					start.receptiveField().size());
		}
		Network net = start;
		log.printf(Locale.ROOT, "crops %d px, batch %d, %s, peak lr %g, zoom %.2f–%.2f around %s%n", s.crop, s.batch,
				s.steps > 0 ? s.steps + " steps" : String.format(Locale.ROOT, "%.1f minutes", s.maxMinutes), s.learningRate, s.minScale, s.maxScale,
				s.diameter > 0 ? String.format(Locale.ROOT, "a %.1f px diameter (%.0f %% within 0.7–1.4×)", s.diameter, 100 * s.nearShare) : "the raw scale");
		if (s.distance) log.printf(Locale.ROOT, "distance output's loss weighted %g against the classes'%n", s.distanceWeight);
		Adam adam = new Adam(net.parameters(), s.learningRate);
		if (resumed != null) resumed.restore(adam);
		int outputs = DistanceHead.outputs(net);
		if (outputs != (s.distance ? 4 : 3))
			throw new IOException("the network has " + outputs + " outputs; this run trains " + (s.distance ? "three classes and the distance" : "three classes"));
		Trainer trainer = new Trainer(net, s.distance ? new ClassesAndDistance(CLASS_WEIGHTS, s.distanceWeight) : new SoftmaxCrossEntropy(CLASS_WEIGHTS), adam);
		int targets = s.distance ? 2 : 1;
		Pool pool = new Pool(train, sourceSizes), rehearsal = replay.isEmpty() ? null : new Pool(replay, null);
		log.println(pool.describe());
		if (rehearsal != null) log.printf(Locale.ROOT, "replay: %d image(s) labelled by the starting network in %.0f %% of the crops%n", replay.size(), 100 * s.replayShare);
		Augmenter aug = new Augmenter(s.crop, s.minScale, s.maxScale).augment(s.augment);
		int plane = s.crop * s.crop;
		TrainingLoop.Task task = new TrainingLoop.Task() {
			@Override
			public double step(int step, SplittableRandom rng) {
				float[] x = new float[s.batch * plane], y = new float[s.batch * targets * plane];
				int[] instances = new int[s.batch * plane];
				for (int b = 0; b < s.batch; b++) {
					boolean old = rehearsal != null && rng.nextDouble() < s.replayShare;
					Pool from = old ? rehearsal : pool;
					int k = from.draw(rng);
					NucleiSample t = (old ? replay : train).get(k);
					double scale = zoom(from.diameter(k), rng);
					int focus = rng.nextBoolean() ? from.nucleusPixel(k, rng) : -1;
					aug.crop(from.normalized(k), t.labels().labels(), t.width(), t.height(), scale, focus, rng, x, instances, b * plane);
					int[] one = java.util.Arrays.copyOfRange(instances, b * plane, (b + 1) * plane);
					System.arraycopy(ThreeClassTarget.classes(one, s.crop, s.crop, s.boundaryWidth), 0, y, b * targets * plane, plane);
					if (s.distance) System.arraycopy(DistanceTarget.of(one, s.crop, s.crop), 0, y, (b * targets + 1) * plane, plane);
				}
				Tensor target = s.distance ? new Tensor(y, s.batch, 2, s.crop, s.crop) : new Tensor(y, s.batch, s.crop, s.crop);
				return trainer.step(new Tensor(x, s.batch, 1, s.crop, s.crop), target);
			}

			@Override
			public TrainingLoop.Score validate() {
				Map<String, Double> aps = NucleiTraining.validate(net, val, s.diameter);
				double score = aps.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
				StringBuilder line = new StringBuilder("val AP@0.5");
				if (aps.size() > 1) aps.forEach((name, ap) -> line.append(String.format(Locale.ROOT, "  %s %.4f", name, ap)));
				line.append(String.format(Locale.ROOT, aps.size() > 1 ? "  mean %.4f" : " %.4f", score));
				return new TrainingLoop.Score(score, line.toString());
			}
		};
		return new TrainingLoop(s, log).monitor(monitor).checkpointEvery(s.checkpointEvery).validateFirst(s.validateFirst).run(task, net, adam, best, resumed);
	}

	/** The zoom of one crop: to about the training diameter, or anywhere in the wide range. */
	private double zoom(double imageDiameter, SplittableRandom rng) {
		if (s.diameter <= 0) return logUniform(s.minScale, s.maxScale, rng);
		double factor = rng.nextDouble() < s.nearShare ? logUniform(0.7, 1.4, rng) : logUniform(s.minScale, s.maxScale, rng);
		return imageDiameter > 0 ? Math.max(0.05, Math.min(20, s.diameter * factor / imageDiameter)) : factor;
	}

	private static double logUniform(double lo, double hi, SplittableRandom rng) {
		return Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)));
	}

	/** Validation AP@0.5 per set; with a training diameter each image is segmented at its true nucleus size (one view). */
	public static Map<String, Double> validate(Network net, Map<String, List<NucleiSample>> val, double trainedDiameter) {
		Map<String, Double> aps = new LinkedHashMap<>();
		SegmentationModel model = engineModel(net, trainedDiameter);
		for (Map.Entry<String, List<NucleiSample>> set : val.entrySet()) {
			SegmentationMetrics metrics = new SegmentationMetrics(0.5);
			for (NucleiSample v : set.getValue()) {
				double d = trainedDiameter > 0 ? v.medianDiameter() : 0;
				NucleiSegmenter segmenter = NucleiSegmenter.builder(model).views(1).diameter(d).build();
				metrics.add(v.labels(), segmenter.segment(v.pixels(), v.width(), v.height(), Progress.NONE).labels());
			}
			aps.put(set.getKey(), metrics.averagePrecision(0));
		}
		return aps;
	}

	/** AP@0.5 of the whole pipeline with default settings (automatic diameter when the training diameter is known, 4 views). */
	public static double validate(Network net, List<NucleiSample> val, double trainedDiameter) {
		SegmentationMetrics metrics = new SegmentationMetrics(0.5);
		NucleiSegmenter segmenter = NucleiSegmenter.builder(engineModel(net, trainedDiameter)).build();
		for (NucleiSample v : val) {
			LabelImage predicted = segmenter.segment(v.pixels(), v.width(), v.height(), Progress.NONE).labels();
			metrics.add(v.labels(), predicted);
		}
		return metrics.averagePrecision(0);
	}

	/** The network as a segmentation model on the engine backend, with the training normalisation. */
	public static SegmentationModel engineModel(Network net) { return engineModel(net, 0); }

	/** The same, trained at a nucleus diameter (pixels) that the segmenter's diameter option rescales to. */
	public static SegmentationModel engineModel(Network net, double trainedDiameter) {
		InstanceDecoder.OutputKind kind = outputKind(net);
		return new SegmentationModel("nuclei (engine)", new EnginePredictor(net, "nuclei"), kind,
				t -> normalize(t.data(), t.w(), t.h()), t -> ChannelSoftmax.forKind(t, kind), trainedDiameter).withPreprocessingSteps(List.of(NORMALIZATION), List.of("b", "c", "y", "x"));
	}

	/** What a nuclei network's outputs are: three classes, or three classes and the distance. */
	public static InstanceDecoder.OutputKind outputKind(Network net) {
		return DistanceHead.outputs(net) == 4 ? InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE : InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY;
	}

	/**
	 * The training images, normalised once, with their nucleus sizes: images are drawn with weight
	 * 1/√(images of the same size class), size classes being half-octaves of the median diameter, so
	 * that the rare sparse large-nucleus images are seen far more often than their count alone gives; within a
	 * class, in proportion to √(nucleus count), so that a crowded field gives more crops than a sparse one. With
	 * source sizes, the weights are normalised per source so that each source gives an equal share.
	 */
	static final class Pool {
		private final List<float[]> normalized = new ArrayList<>();
		private final double[] diameters, cumulative;
		private final int[][] nucleusPixels;
		private final Map<Integer, Integer> classes = new HashMap<>();

		Pool(List<NucleiSample> train, int[] sourceSizes) {
			int n = train.size();
			int[] source = new int[n];
			if (sourceSizes != null) {
				if (java.util.Arrays.stream(sourceSizes).sum() != n)
					throw new IllegalArgumentException("sources of " + java.util.Arrays.toString(sourceSizes) + " images for " + n + " training images");
				for (int q = 0, i = 0; q < sourceSizes.length; q++)
					for (int j = 0; j < sourceSizes[q]; j++) source[i++] = q;
			}
			diameters = new double[n];
			nucleusPixels = new int[n][];
			int[] sizeClass = new int[n];
			Map<List<Integer>, Integer> perSource = new HashMap<>();
			for (int i = 0; i < n; i++) {
				NucleiSample t = train.get(i);
				normalized.add(normalize(t.pixels(), t.width(), t.height()).data());
				diameters[i] = t.medianDiameter();
				sizeClass[i] = diameters[i] > 0 ? (int) Math.floor(2 * Math.log(diameters[i]) / Math.log(2)) : -1;
				classes.merge(sizeClass[i], 1, Integer::sum);
				perSource.merge(List.of(source[i], sizeClass[i]), 1, Integer::sum);
				nucleusPixels[i] = firstPixels(t.labels());
			}
			// within a size class, crowded images are drawn more often (by √ of their nucleus count, the class's share unchanged)
			Map<List<Integer>, Double> crowdSum = new HashMap<>();
			for (int i = 0; i < n; i++) crowdSum.merge(List.of(source[i], sizeClass[i]), crowd(i), Double::sum);
			double[] weight = new double[n], sourceTotal = new double[sourceSizes == null ? 1 : sourceSizes.length];
			for (int i = 0; i < n; i++) { // a class's share √members (= members / √members), split by crowding
				List<Integer> key = List.of(source[i], sizeClass[i]);
				sourceTotal[source[i]] += weight[i] = Math.sqrt(perSource.get(key)) * crowd(i) / crowdSum.get(key);
			}
			cumulative = new double[n];
			double sum = 0;
			for (int i = 0; i < n; i++) cumulative[i] = sum += weight[i] / sourceTotal[source[i]];
		}

		/** How crowded image i is: √ of its nucleus count (at least 1). */
		private double crowd(int i) { return Math.sqrt(Math.max(1, nucleusPixels[i].length)); }

		private static int[] firstPixels(LabelImage labels) {
			int[] l = labels.labels();
			int max = 0;
			for (int v : l) max = Math.max(max, v);
			int[] first = new int[max + 1];
			java.util.Arrays.fill(first, -1);
			for (int i = 0; i < l.length; i++) if (l[i] > 0 && first[l[i]] < 0) first[l[i]] = i;
			return java.util.Arrays.stream(first).filter(p -> p >= 0).toArray();
		}

		int draw(SplittableRandom rng) {
			double u = rng.nextDouble() * cumulative[cumulative.length - 1];
			int i = java.util.Arrays.binarySearch(cumulative, u);
			return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
		}

		float[] normalized(int k) { return normalized.get(k); }
		double diameter(int k) { return diameters[k]; }
		int nucleusPixel(int k, SplittableRandom rng) {
			int[] p = nucleusPixels[k];
			return p.length == 0 ? -1 : p[rng.nextInt(p.length)];
		}

		String describe() {
			StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d training images; images per diameter class:", diameters.length));
			new java.util.TreeMap<>(classes).forEach((c, count) -> sb.append(c < 0 ? "  none " : String.format(Locale.ROOT, "  %.0f–%.0f px ", Math.pow(2, c / 2.0),
					Math.pow(2, (c + 1) / 2.0))).append(count));
			return sb.toString();
		}
	}
}
