package sc.fiji.convnet.explain.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.optim.TrainingSettings;
import sc.fiji.convnet.detect.train.DetectionSample;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.engine.optim.TrainingCheckpoint;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Trains the cell-type classifier (or any classifier of labelled boxes: crops around each box's centre) with the
 * engine's {@link TrainingLoop}, from scratch or from a trained network ({@link Settings#init}), seeded: Adam with
 * warm-up and a cosine schedule on augmented crops of the {@code train} split, each class drawn equally often;
 * every {@code evalEvery} steps the crop accuracy on a fixed set of {@code val} crops (no augmentation) is measured
 * and the network with the best balanced accuracy (mean of the per-class recalls) is kept. A checkpoint is written
 * beside the output every {@link Settings#checkpointEvery} steps; {@link Settings#resume} continues from it.
 */
public final class ClassifierTraining {

	public static final class Settings extends TrainingSettings {
		public int backgroundPerImage = 20, valPerClass = 200, clearance = 32;
		public double maxJitter = 12, oneVsRest = 0;
		/** The class names in output order (the BCCD cell types by default). */
		public List<String> classes = CellCrops.CLASSES;
		/** Whether the class "background", when among the classes, gets crops whose centre touches no box. */
		public boolean backgroundFromImages = true;

		public Settings() { steps = 2000; batch = 32; crop = 64; }

		/** The class index of the crops taken where no box is, or −1 when there are none. */
		int backgroundClass() { return backgroundFromImages ? classes.indexOf(BACKGROUND) : -1; }
	}

	/** The name of the class of places without objects. */
	public static final String BACKGROUND = "background";

	/** Crop accuracy on val: overall, balanced (mean recall) and per class, with the confusion counts. */
	public record Accuracy(double overall, double balanced, double[] perClass, int[][] confusion) {
		public String describe(List<String> classes) {
			StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "accuracy %.4f, balanced %.4f (", overall, balanced));
			for (int c = 0; c < perClass.length; c++) b.append(String.format(Locale.ROOT, "%s%s %.3f", c > 0 ? ", " : "", classes.get(c), perClass[c]));
			return b.append(')').toString();
		}
	}

	private final Settings s;
	private final PrintStream log;

	public ClassifierTraining(Settings settings, PrintStream log) {
		this.s = settings;
		this.log = log;
	}

	/** Trains, writes the best network to {@code best} and returns how the run ended (its best balanced val crop accuracy). */
	public TrainingLoop.Outcome train(List<DetectionSample> train, List<DetectionSample> val, Path best, TrainingLoop.Monitor monitor) throws IOException {
		List<String> classes = s.classes;
		TrainingCheckpoint resumed = s.resume ? TrainingCheckpoint.loadIfPresent(TrainingCheckpoint.beside(best)) : null;
		Network net;
		if (resumed != null) {
			net = resumed.network();
			log.printf(Locale.ROOT, "resuming from %s after step %d (best balanced val crop accuracy %.4f)%n", TrainingCheckpoint.beside(best), resumed.step(),
					resumed.bestScore());
		} else if (s.init != null) {
			net = Network.load(s.init);
			log.printf(Locale.ROOT, "starting from %s%n", s.init);
		} else net = CellClassifierNet.build(s.width, classes.size(), s.seed);
		if (s.oneVsRest > 0) log.printf(Locale.ROOT, "loss: softmax cross-entropy + %.2f × one-vs-rest binary cross-entropy; centre jitter up to %.0f px%n", s.oneVsRest, s.maxJitter);
		log.printf(Locale.ROOT, "cell classifier width %d: %,d parameters, receptive field of %s %.0f px, crops %d px%n", s.width, net.parameterCount(),
				CellClassifierNet.LAST_CONV, net.receptiveFields().get(CellClassifierNet.LAST_CONV).size(), s.crop);
		List<List<CellCrop>> pool = CellCrops.objects(train, classes);
		if (s.backgroundClass() >= 0) pool.get(s.backgroundClass()).addAll(CellCrops.background(train, s.clearance, s.backgroundPerImage, s.seed + 1, s.backgroundClass()));
		StringBuilder counts = new StringBuilder();
		for (int c = 0; c < classes.size(); c++) counts.append(String.format(Locale.ROOT, "%s%s %d", c > 0 ? ", " : "", classes.get(c), pool.get(c).size()));
		log.println("training crops: " + counts);
		List<List<CellCrop>> drawn = pool.stream().filter(l -> !l.isEmpty()).toList();
		if (drawn.isEmpty()) throw new IOException("no training crops: the annotations hold no boxes");
		List<CellCrop> valCrops = validationCrops(val);
		log.println("validation crops: " + valCrops.size() + " (up to " + s.valPerClass + " per class, no augmentation)");
		Adam adam = new Adam(net.parameters(), s.learningRate);
		if (resumed != null) resumed.restore(adam);
		Trainer trainer = new Trainer(net, s.oneVsRest > 0 ? new SoftmaxAndOneVsRestLoss(s.oneVsRest) : new SoftmaxCrossEntropy(), adam);
		CropSampler sampler = new CropSampler(s.crop, s.maxJitter);
		int plane = s.crop * s.crop;
		TrainingLoop.Task task = new TrainingLoop.Task() {
			@Override
			public double step(int step, SplittableRandom rng) {
				float[] x = new float[s.batch * 3 * plane], y = new float[s.batch];
				for (int b = 0; b < s.batch; b++) {
					List<CellCrop> list = drawn.get(rng.nextInt(drawn.size())); // a class, then one of its crops
					CellCrop crop = list.get(rng.nextInt(list.size()));
					sampler.sample(train.get(crop.image()).image(), crop, rng, x, b);
					y[b] = crop.label();
				}
				return trainer.step(new Tensor(x, s.batch, 3, s.crop, s.crop), new Tensor(y, s.batch));
			}

			@Override
			public TrainingLoop.Score validate() {
				Accuracy a = accuracy(net, val, valCrops);
				return new TrainingLoop.Score(a.balanced(), "val crop " + a.describe(classes));
			}
		};
		return new TrainingLoop(s, log).monitor(monitor).checkpointEvery(s.checkpointEvery).validateFirst(s.validateFirst).run(task, net, adam, best, resumed);
	}

	/** A fixed, seeded set of val crops: up to {@code valPerClass} boxes of each class and as many background positions. */
	public List<CellCrop> validationCrops(List<DetectionSample> val) {
		List<List<CellCrop>> byClass = CellCrops.objects(val, s.classes);
		if (s.backgroundClass() >= 0)
			byClass.get(s.backgroundClass()).addAll(
					CellCrops.background(val, s.clearance, Math.max(1, (s.valPerClass + val.size() - 1) / val.size()), s.seed + 2, s.backgroundClass()));
		SplittableRandom rng = new SplittableRandom(s.seed + 3);
		List<CellCrop> out = new ArrayList<>();
		for (List<CellCrop> list : byClass) {
			List<CellCrop> copy = new ArrayList<>(list);
			for (int i = copy.size() - 1; i > 0; i--) { // seeded shuffle, then the first valPerClass
				int j = rng.nextInt(i + 1);
				CellCrop t = copy.get(i); copy.set(i, copy.get(j)); copy.set(j, t);
			}
			out.addAll(copy.subList(0, Math.min(s.valPerClass, copy.size())));
		}
		return out;
	}

	/** The first validation crop as a 1×3×crop×crop input, the test input of an exported model. */
	public Tensor testCrop(List<DetectionSample> val) {
		CellCrop first = validationCrops(val).get(0);
		float[] x = new float[3 * s.crop * s.crop];
		new CropSampler(s.crop, 0).sample(val.get(first.image()).image(), first, null, x, 0);
		return new Tensor(x, 1, 3, s.crop, s.crop);
	}

	/** The network's crop accuracy on {@code crops} of {@code samples}, in inference mode. */
	public Accuracy accuracy(Network net, List<DetectionSample> samples, List<CellCrop> crops) {
		int k = s.classes.size(), plane = s.crop * s.crop, batch = 64;
		CropSampler sampler = new CropSampler(s.crop, s.maxJitter);
		int[][] confusion = new int[k][k];
		for (int from = 0; from < crops.size(); from += batch) {
			int n = Math.min(batch, crops.size() - from);
			float[] x = new float[n * 3 * plane];
			for (int b = 0; b < n; b++) {
				CellCrop c = crops.get(from + b);
				sampler.sample(samples.get(c.image()).image(), c, null, x, b);
			}
			float[] scores = net.forward(new Tensor(x, n, 3, s.crop, s.crop), Phase.INFERENCE).data();
			for (int b = 0; b < n; b++) {
				int arg = 0;
				for (int q = 1; q < k; q++) if (scores[b * k + q] > scores[b * k + arg]) arg = q;
				confusion[crops.get(from + b).label()][arg]++;
			}
		}
		int right = 0, total = 0, present = 0;
		double[] perClass = new double[k];
		double recallSum = 0;
		for (int c = 0; c < k; c++) {
			int row = 0;
			for (int q = 0; q < k; q++) row += confusion[c][q];
			right += confusion[c][c];
			total += row;
			perClass[c] = row == 0 ? Double.NaN : confusion[c][c] / (double) row;
			if (row > 0) { recallSum += perClass[c]; present++; }
		}
		return new Accuracy(total == 0 ? 0 : right / (double) total, present == 0 ? 0 : recallSum / present, perClass, confusion);
	}
}
