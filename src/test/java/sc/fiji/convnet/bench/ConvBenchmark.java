package sc.fiji.convnet.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ConvKernels;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.onnx.write.SingleConvModel;

/**
 * Times one convolution on our kernels (forward, backwardInput, backwardWeights; scalar and vector) and on
 * ONNX Runtime (forward) in the same process with the same number of threads, and prints a Markdown table.
 * Each measurement: warm-up runs, then repeats alternating ORT and ours (so both see the same background
 * load), and the median time. GFLOP/s = 2·MACs / time for all three passes (they have the same MAC count).
 * Besides wall-clock GFLOP/s the table gives GFLOP per CPU-second of this process (median), which other
 * processes on a shared machine disturb much less. ORT's intra-op threads are told not to spin after a run,
 * so that they do not eat into the next timed run of ours.
 * <p>
 * Arguments: {@code threads=2 warmup=3 repeat=7 shapes=1x32x512x512:32,1x64x256x256:64,1x1x2048x2048:16 k=3}
 */
public final class ConvBenchmark {

	public static void main(String[] args) throws Exception {
		int threads = 2, warmup = 3, repeat = 7, k = 3;
		boolean useOrt = true;
		String kernelNames = "scalar,vector";
		String shapes = "1x32x512x512:32,1x64x256x256:64,1x1x2048x2048:16";
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "threads": threads = Integer.parseInt(kv[1]); break;
			case "warmup": warmup = Integer.parseInt(kv[1]); break;
			case "repeat": repeat = Integer.parseInt(kv[1]); break;
			case "k": k = Integer.parseInt(kv[1]); break;
			case "shapes": shapes = kv[1]; break;
			case "ort": useOrt = Boolean.parseBoolean(kv[1]); break;
			case "kernels": kernelNames = kv[1]; break;
			default: throw new IllegalArgumentException("ConvBenchmark: unknown argument " + a);
			}
		}
		List<ConvKernels> ours = new ArrayList<>();
		if (kernelNames.contains("scalar")) ours.add(Kernels.scalar());
		if (kernelNames.contains("vector") && Kernels.vector() != null) ours.add(Kernels.vector());
		System.out.println("JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
				+ ", vector module present: " + (Kernels.vector() != null) + ", threads " + threads
				+ ", warm-up " + warmup + ", repeats " + repeat + " (median)");

		System.setProperty("ai.djl.offline", "true");
		ai.djl.engine.Engine.getEngine("OnnxRuntime"); // DJL must create the ORT environment first
		OrtEnvironment env = OrtEnvironment.getEnvironment();

		System.out.println();
		System.out.println("| shape (N×C×H×W → C_out, " + k + "×" + k + ") | kernels | pass | ours GFLOP/s | ORT fwd GFLOP/s | ratio (wall) | ours GFLOP/CPU-s | ORT GFLOP/CPU-s | ratio (CPU) |");
		System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|");
		for (String s : shapes.split(",")) {
			String[] parts = s.split(":");
			int[] d = Arrays.stream(parts[0].split("x")).mapToInt(Integer::parseInt).toArray();
			int cout = Integer.parseInt(parts[1]);
			ConvGeometry g = new ConvGeometry(d[0], d[1], d[2], d[3], cout, k, k, 1, 1, 1, 1, k / 2, k / 2, k / 2, k / 2, 1);
			runShape(useOrt ? env : null, g, ours, threads, warmup, repeat, parts[0].replace('x', '×') + " → " + cout);
		}
	}

	private static void runShape(OrtEnvironment env, ConvGeometry g, List<ConvKernels> ours, int threads,
			int warmup, int repeat, String label) throws Exception {
		Random r = new Random(1);
		float[] x = fill(r, g.inputSize()), w = fill(r, g.weightSize()), b = fill(r, g.cout), dy = fill(r, g.outputSize());
		float[] y = new float[(int) g.outputSize()], dx = new float[(int) g.inputSize()];
		float[] dw = new float[(int) g.weightSize()], db = new float[g.cout];
		double gflop = 2.0 * g.macs() / 1e9;

		if (env == null) { // our kernels only (quick tuning runs): ORT column shows 0
			for (ConvKernels kern : ours) {
				Runnable[] passes = {
						() -> kern.forward(g, x, w, b, y, threads),
						() -> kern.backwardInput(g, dy, w, dx, threads),
						() -> kern.backwardWeights(g, x, dy, dw, db, threads) };
				String[] names = { "forward", "backwardInput", "backwardWeights" };
				for (int p = 0; p < passes.length; p++) {
					double[] t = timeAlternating(() -> {}, passes[p], warmup, repeat);
					System.out.printf("| %s | %s | %s | %.1f | - | - | %.1f | - | - |%n", label, kern.name(), names[p], gflop / t[1], gflop / t[3]);
				}
			}
			return;
		}
		try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
			opts.setIntraOpNumThreads(threads);
			opts.setInterOpNumThreads(1);
			opts.addConfigEntry("session.intra_op.allow_spinning", "0");
			try (OrtSession session = env.createSession(SingleConvModel.of(g, w, b).toByteArray(), opts);
					OnnxTensor xt = OnnxTensor.createTensor(env, direct(x), new long[] { g.n, g.cin, g.h, g.w });
					OnnxTensor yt = OnnxTensor.createTensor(env, direct(y), new long[] { g.n, g.cout, g.oh, g.ow })) {
				Map<String, OnnxTensor> in = Map.of("x", xt), out = Map.of("y", yt);
				Runnable ort = () -> {
					try {
						session.run(in, out).close(); // output pinned: no copy back to Java is timed
					} catch (Exception e) {
						throw new RuntimeException(e);
					}
				};
				for (ConvKernels kern : ours) {
					Runnable[] passes = {
							() -> kern.forward(g, x, w, b, y, threads),
							() -> kern.backwardInput(g, dy, w, dx, threads),
							() -> kern.backwardWeights(g, x, dy, dw, db, threads) };
					String[] names = { "forward", "backwardInput", "backwardWeights" };
					double forwardTime = 0, forwardCpu = 0;
					for (int p = 0; p < passes.length; p++) {
						double[] t = timeAlternating(ort, passes[p], warmup, repeat);
						if (p == 0) {
							forwardTime = t[1];
							forwardCpu = t[3];
						}
						String ratio = p == 0 ? String.format("%.2f× ORT", t[0] / t[1])
								: String.format("%.2f× our fwd time", t[1] / forwardTime);
						String ratioCpu = p == 0 ? String.format("%.2f× ORT", t[2] / t[3])
								: String.format("%.2f× our fwd CPU", t[3] / forwardCpu);
						System.out.printf("| %s | %s | %s | %.1f | %.1f | %s | %.1f | %.1f | %s |%n", label, kern.name(), names[p],
								gflop / t[1], gflop / t[0], ratio, gflop / t[3], gflop / t[2], ratioCpu);
					}
				}
			}
		}
	}

	private static final com.sun.management.OperatingSystemMXBean OS =
			(com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

	/** Each timed sample lasts at least this long, so that the coarse process CPU clock is precise enough. */
	private static final double MIN_SAMPLE_S = 0.4;

	/**
	 * Median seconds per run {ORT wall, ours wall, ORT process CPU, ours process CPU}, sampled alternately
	 * after warm-up; a sample repeats a run as often as needed to last {@link #MIN_SAMPLE_S}.
	 */
	static double[] timeAlternating(Runnable ort, Runnable ours, int warmup, int repeat) {
		long w0 = System.nanoTime();
		for (int i = 0; i < warmup; i++) ort.run();
		long w1 = System.nanoTime();
		for (int i = 0; i < warmup; i++) ours.run();
		long w2 = System.nanoTime();
		int batchOrt = batch((w1 - w0) * 1e-9 / warmup), batchOurs = batch((w2 - w1) * 1e-9 / warmup);
		double[] a = new double[repeat], b = new double[repeat], ca = new double[repeat], cb = new double[repeat];
		for (int i = 0; i < repeat; i++) {
			long c0 = OS.getProcessCpuTime(), t0 = System.nanoTime();
			for (int k = 0; k < batchOrt; k++) ort.run();
			long c1 = OS.getProcessCpuTime(), t1 = System.nanoTime();
			for (int k = 0; k < batchOurs; k++) ours.run();
			long c2 = OS.getProcessCpuTime(), t2 = System.nanoTime();
			a[i] = (t1 - t0) * 1e-9 / batchOrt;
			b[i] = (t2 - t1) * 1e-9 / batchOurs;
			ca[i] = (c1 - c0) * 1e-9 / batchOrt;
			cb[i] = (c2 - c1) * 1e-9 / batchOurs;
		}
		return new double[] { median(a), median(b), median(ca), median(cb) };
	}

	private static int batch(double secondsPerRun) {
		return (int) Math.max(1, Math.min(1000, Math.ceil(MIN_SAMPLE_S / Math.max(secondsPerRun, 1e-6))));
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
	}

	private static float[] fill(Random r, long n) {
		float[] a = new float[(int) n];
		for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
		return a;
	}

	private static FloatBuffer direct(float[] a) {
		FloatBuffer f = ByteBuffer.allocateDirect(a.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
		f.put(a).rewind();
		return f;
	}
}
