package sc.fiji.convnet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.InferenceFolding;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Times one Adam training step of a small U-Net (depth 3, base width 16, 1 → 3 classes) on a
 * batch of 8×1×128×128 with a softmax cross-entropy loss: warm-up steps, then the median of repeated
 * {@link Trainer#step} calls; also the median of inference forward passes (of the folded copy that
 * {@code EnginePredictor} runs, and of the network itself) and of training-mode forward passes, and a per-layer-type breakdown from an instrumented step (the same layer calls as
 * {@link Network#forward}/{@link Network#backward}, each timed with {@code System.nanoTime}).
 * <p>
 * Arguments: {@code batch=8 size=128 warmup=3 repeat=7 breakdown=true}. The number of threads is
 * {@code -Dconvnet.threads} (default: all processors). Prints {@code RESULT step_ms=… forward_ms=… step_min_ms=… forward_min_ms=…} last,
 * for scripts/bench-training.sh.
 */
public final class TrainingStepBenchmark {

	public static void main(String[] args) {
		int batch = 8, size = 128, warmup = 3, repeat = 7;
		boolean breakdown = true;
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "batch": batch = Integer.parseInt(kv[1]); break;
			case "size": size = Integer.parseInt(kv[1]); break;
			case "warmup": warmup = Integer.parseInt(kv[1]); break;
			case "repeat": repeat = Integer.parseInt(kv[1]); break;
			case "breakdown": breakdown = Boolean.parseBoolean(kv[1]); break;
			default: throw new IllegalArgumentException("TrainingStepBenchmark: unknown argument " + a);
			}
		}
		System.out.println("JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
				+ ", kernels " + Kernels.best().name() + ", threads " + Kernels.defaultThreads()
				+ ", processors " + Runtime.getRuntime().availableProcessors()
				+ ", batch " + batch + "×1×" + size + "×" + size + ", warm-up " + warmup + ", repeats " + repeat + " (median)");

		Network net = UNet.builder().inChannels(1).classes(3).depth(3).baseWidth(16).seed(42).build();
		Tensor input = Tensor.zeros(batch, 1, size, size), target = Tensor.zeros(batch, 1, size, size);
		SplittableRandom r = new SplittableRandom(7);
		for (int i = 0; i < input.size(); i++) {
			input.data()[i] = (float) r.nextGaussian();
			target.data()[i] = r.nextInt(3);
		}
		Trainer trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(net.parameters(), 1e-3));

		double loss = 0;
		for (int i = 0; i < warmup; i++) loss = trainer.step(input, target);
		double[] step = new double[repeat], fwd = new double[repeat], fwdTrain = new double[repeat];
		for (int i = 0; i < repeat; i++) {
			long t0 = System.nanoTime();
			loss = trainer.step(input, target);
			step[i] = (System.nanoTime() - t0) / 1e6;
		}
		// inference as the product runs it (EnginePredictor: batch norm and ReLU folded into the convolutions), and unfolded
		Network folded = InferenceFolding.of(net);
		double[] fwdPlain = new double[repeat];
		for (int i = 0; i < Math.max(1, warmup / 2); i++) {
			folded.forward(input, Phase.INFERENCE);
			net.forward(input, Phase.INFERENCE);
		}
		for (int i = 0; i < repeat; i++) {
			long t0 = System.nanoTime();
			folded.forward(input, Phase.INFERENCE);
			fwd[i] = (System.nanoTime() - t0) / 1e6;
			t0 = System.nanoTime();
			net.forward(input, Phase.INFERENCE);
			fwdPlain[i] = (System.nanoTime() - t0) / 1e6;
			t0 = System.nanoTime();
			net.forward(input, Phase.TRAINING);
			fwdTrain[i] = (System.nanoTime() - t0) / 1e6;
			net.clearCaches();
		}
		System.out.printf("training step: median %.1f ms (min %.1f, max %.1f), loss after %d steps %.5f%n",
				median(step), min(step), max(step), warmup + repeat, loss);
		System.out.printf("forward (inference, folded as EnginePredictor runs it): median %.1f ms (min %.1f); unfolded: median %.1f ms (min %.1f); "
				+ "forward (training mode): median %.1f ms%n", median(fwd), min(fwd), median(fwdPlain), min(fwdPlain), median(fwdTrain));

		if (breakdown) {
			Map<String, double[]> byType = new TreeMap<>(); // type → {forward ms, backward ms}
			int reps = Math.max(1, repeat / 2);
			double[] other = new double[1];
			for (int i = 0; i < reps; i++) instrumentedStep(trainer, input, target, byType, other);
			double total = other[0];
			for (double[] v : byType.values()) total += v[0] + v[1];
			System.out.println();
			System.out.println("| layer type | forward ms | backward ms | share of step |");
			System.out.println("|---|---:|---:|---:|");
			for (Map.Entry<String, double[]> e : byType.entrySet()) {
				double f = e.getValue()[0] / reps, b = e.getValue()[1] / reps;
				System.out.printf("| %s | %.1f | %.1f | %.0f%% |%n", e.getKey(), f, b, 100 * (f + b) * reps / total);
			}
			System.out.printf("| loss, zeroGrad, Adam | %.1f | | %.0f%% |%n", other[0] / reps, 100 * other[0] / total);
			System.out.printf("(instrumented step total %.1f ms, mean of %d)%n", total / reps, reps);
		}
		System.out.printf("RESULT step_ms=%.2f forward_ms=%.2f step_min_ms=%.2f forward_min_ms=%.2f%n", median(step), median(fwd), min(step), min(fwd));
	}

	/** One training step with the same layer calls as Trainer.step, timing each layer. */
	private static void instrumentedStep(Trainer trainer, Tensor input, Tensor target, Map<String, double[]> byType, double[] other) {
		Network net = trainer.network();
		List<Layer> layers = net.layers();
		int count = layers.size();
		long t0 = System.nanoTime();
		net.zeroGrad();
		other[0] += (System.nanoTime() - t0) / 1e6;
		int[] lastUse = new int[count + 1];
		for (int k = 1; k <= count; k++) for (int i : net.inputsOf(k)) lastUse[i] = k;
		lastUse[count] = Integer.MAX_VALUE;
		Tensor[] values = new Tensor[count + 1];
		values[0] = input;
		for (int k = 1; k <= count; k++) {
			int[] in = net.inputsOf(k);
			Tensor[] a = new Tensor[in.length];
			for (int j = 0; j < in.length; j++) a[j] = values[in[j]];
			Layer l = layers.get(k - 1);
			long t = System.nanoTime();
			values[k] = l.forward(a, Phase.TRAINING);
			byType.computeIfAbsent(l.type(), x -> new double[2])[0] += (System.nanoTime() - t) / 1e6;
			for (int j : in) if (lastUse[j] == k) values[j] = null;
		}
		t0 = System.nanoTime();
		trainer.loss().forward(values[count], target);
		Tensor g = trainer.loss().gradient();
		other[0] += (System.nanoTime() - t0) / 1e6;
		Tensor[] grads = new Tensor[count + 1];
		grads[count] = g;
		for (int k = count; k >= 1; k--) {
			if (grads[k] == null) continue;
			Layer l = layers.get(k - 1);
			long t = System.nanoTime();
			Tensor[] gin = l.backward(grads[k]);
			byType.computeIfAbsent(l.type(), x -> new double[2])[1] += (System.nanoTime() - t) / 1e6;
			grads[k] = null;
			int[] in = net.inputsOf(k);
			for (int j = 0; j < in.length; j++) {
				if (grads[in[j]] == null) { grads[in[j]] = gin[j]; continue; }
				t = System.nanoTime();
				float[] s = grads[in[j]].data().clone(), b = gin[j].data();
				for (int q = 0; q < s.length; q++) s[q] += b[q];
				grads[in[j]] = new Tensor(s, grads[in[j]].shape());
				byType.computeIfAbsent("(gradient sums)", x -> new double[2])[1] += (System.nanoTime() - t) / 1e6;
			}
		}
		net.clearCaches();
		t0 = System.nanoTime();
		trainer.optimizer().step();
		other[0] += (System.nanoTime() - t0) / 1e6;
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }
	private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }
}
