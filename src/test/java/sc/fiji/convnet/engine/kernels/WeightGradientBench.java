package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;
import java.util.Random;

/**
 * Times the two vector weight-gradient kernels (bands of rows with lanes along pixels, {@link VectorWeightGradient};
 * lanes along output channels, {@link VectorWeightGradientByChannel}) against the vector forward pass of the
 * same shape, in one process and in alternating rounds, so that background load hits all three alike. Prints
 * median wall and process-CPU seconds per call and the ratios to the forward pass.
 * <p>
 * With threads=1 the CPU columns are the calling thread's CPU time, which other processes disturb least.
 * <p>
 * Arguments: {@code threads=2 warmup=2 repeat=7 shapes=1x32x512x512:32,1x64x256x256:64,1x1x2048x2048:16 k=3}
 * (run with {@code --add-modules jdk.incubator.vector} on the test classpath).
 */
public final class WeightGradientBench {

	public static void main(String[] args) {
		int threads = 2, warmup = 2, repeat = 7, k = 3;
		String shapes = "1x32x512x512:32,1x64x256x256:64,1x1x2048x2048:16";
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "threads": threads = Integer.parseInt(kv[1]); break;
			case "warmup": warmup = Integer.parseInt(kv[1]); break;
			case "repeat": repeat = Integer.parseInt(kv[1]); break;
			case "k": k = Integer.parseInt(kv[1]); break;
			case "shapes": shapes = kv[1]; break;
			default: throw new IllegalArgumentException("WeightGradientBench: unknown argument " + a);
			}
		}
		ConvKernels vector = Kernels.vector();
		if (vector == null) throw new IllegalStateException("needs --add-modules jdk.incubator.vector");
		System.out.println("kernels " + vector.name() + ", threads " + threads + ", warm-up " + warmup + ", repeats " + repeat + " (median)");
		System.out.println();
		System.out.println("| shape (" + k + "×" + k + ") | forward ms (CPU ms) | bands ms (CPU ms) | by channel ms (CPU ms) | bands / fwd | by channel / fwd | bands / fwd CPU | by channel / fwd CPU |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
		for (String s : shapes.split(",")) {
			String[] parts = s.split(":");
			int[] d = Arrays.stream(parts[0].split("x")).mapToInt(Integer::parseInt).toArray();
			ConvGeometry g = new ConvGeometry(d[0], d[1], d[2], d[3], Integer.parseInt(parts[1]), k, k, 1, 1, 1, 1, k / 2, k / 2, k / 2, k / 2, 1);
			Random r = new Random(1);
			float[] x = ConvTestData.random(r, g.inputSize()), w = ConvTestData.random(r, g.weightSize()), b = ConvTestData.random(r, g.cout);
			float[] dy = ConvTestData.random(r, g.outputSize()), y = new float[(int) g.outputSize()], dw = new float[(int) g.weightSize()];
			int th = threads;
			Runnable[] runs = { () -> vector.forward(g, x, w, b, y, th), () -> VectorWeightGradient.compute(g, x, dy, dw, null, th),
					() -> VectorWeightGradientByChannel.compute(g, x, dy, dw, null, th) };
			double[][] t = time(runs, warmup, repeat, threads == 1);
			System.out.printf("| %s → %s | %.1f (%.1f) | %.1f (%.1f) | %.1f (%.1f) | %.2f× | %.2f× | %.2f× | %.2f× |%n", parts[0].replace('x', '×'), parts[1],
					1e3 * t[0][0], 1e3 * t[0][1], 1e3 * t[1][0], 1e3 * t[1][1], 1e3 * t[2][0], 1e3 * t[2][1],
					t[1][0] / t[0][0], t[2][0] / t[0][0], t[1][1] / t[0][1], t[2][1] / t[0][1]);
		}
	}

	private static final com.sun.management.OperatingSystemMXBean OS =
			(com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

	private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

	/** CPU nanoseconds of this thread (all its work when the kernels run on one thread), else of the whole process. */
	private static long cpuTime(boolean thisThread) {
		return thisThread ? THREADS.getCurrentThreadCpuTime() : OS.getProcessCpuTime();
	}

	/**
	 * {median wall s, median CPU s} per call of each run, sampled in alternating rounds of ≥ 0.3 s each; CPU time
	 * of the calling thread alone when {@code thisThread} (precise, and what a single-threaded run costs).
	 */
	private static double[][] time(Runnable[] runs, int warmup, int repeat, boolean thisThread) {
		int[] batch = new int[runs.length];
		for (int i = 0; i < runs.length; i++) {
			long t0 = System.nanoTime();
			for (int k = 0; k < warmup; k++) runs[i].run();
			double each = (System.nanoTime() - t0) * 1e-9 / Math.max(1, warmup);
			batch[i] = (int) Math.max(1, Math.min(1000, Math.ceil(0.3 / Math.max(each, 1e-6))));
		}
		double[][] wall = new double[runs.length][repeat], cpu = new double[runs.length][repeat];
		for (int rep = 0; rep < repeat; rep++)
			for (int i = 0; i < runs.length; i++) {
				long c0 = cpuTime(thisThread), t0 = System.nanoTime();
				for (int k = 0; k < batch[i]; k++) runs[i].run();
				wall[i][rep] = (System.nanoTime() - t0) * 1e-9 / batch[i];
				cpu[i][rep] = (cpuTime(thisThread) - c0) * 1e-9 / batch[i];
			}
		double[][] out = new double[runs.length][];
		for (int i = 0; i < runs.length; i++) out[i] = new double[] { median(wall[i]), median(cpu[i]) };
		return out;
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
	}
}
