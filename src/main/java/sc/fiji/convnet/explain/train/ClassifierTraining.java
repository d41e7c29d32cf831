package sc.fiji.convnet.explain.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
import sc.fiji.convnet.tensor.Tensor;

/**
 * Trains the cell-type classifier from scratch with the engine, seeded: Adam with warm-up and a cosine schedule
 * on augmented crops of the {@code train} split, each class drawn equally often; every {@code evalEvery} steps
 * the crop accuracy on a fixed set of {@code val} crops (no augmentation) is measured and the network with the
 * best balanced accuracy (mean of the per-class recalls) is kept.
 */
public final class ClassifierTraining {

	public static final class Settings extends TrainingSettings {
		public int backgroundPerImage = 20, valPerClass = 200, clearance = 32;
		public double maxJitter = 12, oneVsRest = 0;

		public Settings() { steps = 2000; batch = 32; crop = 64; }
	}

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

	/** Trains, writes the best network to {@code best} and returns its val crop accuracy. */
	public Accuracy train(List<DetectionSample> train, List<DetectionSample> val, Path best) throws IOException {
		List<String> classes = CellCrops.CLASSES;
		Network net = CellClassifierNet.build(s.width, classes.size(), s.seed);
		if (s.oneVsRest > 0) log.printf(Locale.ROOT, "loss: softmax cross-entropy + %.2f × one-vs-rest binary cross-entropy; centre jitter up to %.0f px%n", s.oneVsRest, s.maxJitter);
		log.printf(Locale.ROOT, "cell classifier width %d: %,d parameters, receptive field of %s %.0f px, crops %d px%n", s.width, net.parameterCount(),
				CellClassifierNet.LAST_CONV, net.receptiveFields().get(CellClassifierNet.LAST_CONV).size(), s.crop);
		List<List<CellCrop>> pool = CellCrops.objects(train);
		pool.set(CellCrops.BACKGROUND, CellCrops.background(train, s.clearance, s.backgroundPerImage, s.seed + 1));
		StringBuilder counts = new StringBuilder();
		for (int c = 0; c < classes.size(); c++) counts.append(String.format(Locale.ROOT, "%s%s %d", c > 0 ? ", " : "", classes.get(c), pool.get(c).size()));
		log.println("training crops: " + counts);
		List<CellCrop> valCrops = validationCrops(val);
		log.println("validation crops: " + valCrops.size() + " (up to " + s.valPerClass + " per class, no augmentation)");
		Adam adam = new Adam(net.parameters(), s.learningRate);
		Trainer trainer = new Trainer(net, s.oneVsRest > 0 ? new SoftmaxAndOneVsRestLoss(s.oneVsRest) : new SoftmaxCrossEntropy(), adam);
		CropSampler sampler = new CropSampler(s.crop, s.maxJitter);
		SplittableRandom rng = new SplittableRandom(s.seed);
		int plane = s.crop * s.crop;
		Accuracy bestAccuracy = null;
		double running = 0;
		long start = System.nanoTime();
		for (int step = 1; step <= s.steps; step++) {
			adam.learningRate(s.rate(step));
			float[] x = new float[s.batch * 3 * plane], y = new float[s.batch];
			for (int b = 0; b < s.batch; b++) {
				int c = rng.nextInt(classes.size());
				List<CellCrop> list = pool.get(c);
				CellCrop crop = list.get(rng.nextInt(list.size()));
				sampler.sample(train.get(crop.image()).image(), crop, rng, x, b);
				y[b] = c;
			}
			double loss = trainer.step(new Tensor(x, s.batch, 3, s.crop, s.crop), new Tensor(y, s.batch));
			running = step == 1 ? loss : 0.98 * running + 0.02 * loss;
			double minutes = (System.nanoTime() - start) / 6e10;
			boolean last = s.isLast(step, minutes);
			if (step % 25 == 0) log.printf(Locale.ROOT, "step %5d  loss %.4f  lr %.5f  %.1f min%n", step, running, s.rate(step), minutes);
			if (step % s.evalEvery == 0 || last) {
				Accuracy a = accuracy(net, val, valCrops);
				boolean better = bestAccuracy == null || a.balanced() > bestAccuracy.balanced();
				log.printf(Locale.ROOT, "step %5d  val crop %s%s%n", step, a.describe(classes), better ? "  (best, saved)" : "");
				if (better) {
					bestAccuracy = a;
					Path parent = best.toAbsolutePath().getParent();
					if (parent != null) Files.createDirectories(parent);
					net.save(best);
				}
			}
			if (last) break;
		}
		return bestAccuracy;
	}


	/** A fixed, seeded set of val crops: up to {@code valPerClass} boxes of each class and as many background positions. */
	public List<CellCrop> validationCrops(List<DetectionSample> val) {
		List<List<CellCrop>> byClass = CellCrops.objects(val);
		byClass.set(CellCrops.BACKGROUND, CellCrops.background(val, s.clearance, Math.max(1, (s.valPerClass + val.size() - 1) / val.size()), s.seed + 2));
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

	/** The network's crop accuracy on {@code crops} of {@code samples}, in inference mode. */
	public Accuracy accuracy(Network net, List<DetectionSample> samples, List<CellCrop> crops) {
		int k = CellCrops.CLASSES.size(), plane = s.crop * s.crop, batch = 64;
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
