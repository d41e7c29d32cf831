package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;
import java.util.Random;

/**
 * Forward GFLOP/s of the vector kernels on small-plane convolutions with and without {@link VectorSmallPlanes}, in
 * one process, alternating; the fastest sample of each (the least disturbed on a shared machine). Arguments: {@code threads=2 repeat=7 shapes=CIN:H:COUT:K:STRIDE,...}
 * (e.g. 512:7:2048:1:1 is ResNet-50's last 1×1; K×K kernels get padding K/2).
 */
public final class SmallPlaneBenchmark {

	public static void main(String[] args) {
		int threads = 2, repeat = 7;
		String shapes = "512:7:2048:1:1,2048:7:512:1:1,512:7:512:3:1,1024:14:256:1:1,256:14:1024:1:1,256:14:256:3:1,"
				+ "128:28:512:1:1,512:28:128:1:1,128:28:128:3:1,1024:14:2048:1:2,256:28:256:3:2,64:16:64:3:1,64:8:128:3:1";
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "repeat" -> repeat = Integer.parseInt(kv[1]);
			case "shapes" -> shapes = kv[1];
			default -> throw new IllegalArgumentException("unknown argument " + a);
			}
		}
		ConvKernels v = Kernels.vector();
		System.out.println("| C_in | plane | C_out | kernel | stride | direct GFLOP/s | small-planes GFLOP/s | speed-up | direct GFLOP/CPU-s | small-planes GFLOP/CPU-s | speed-up (CPU) |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String s : shapes.split(",")) {
			int[] d = Arrays.stream(s.split(":")).mapToInt(Integer::parseInt).toArray();
			int k = d[3];
			ConvGeometry g = new ConvGeometry(1, d[0], d[1], d[1], d[2], k, k, d[4], d[4], 1, 1, k / 2, k / 2, k / 2, k / 2, 1);
			Random r = new Random(1);
			float[] x = ConvTestData.random(r, g.inputSize()), w = ConvTestData.random(r, g.weightSize()), b = ConvTestData.random(r, g.cout);
			float[] y = new float[(int) g.outputSize()];
			double[][] t = new double[2][repeat], cpu = new double[2][repeat];
			for (int i = -3; i < repeat; i++)
				for (int mode = 0; mode < 2; mode++) {
					VectorConvKernels.smallPlanes = mode == 1;
					long t0 = System.nanoTime(), c0 = cpuTime();
					int runs = 0;
					do { v.forward(g, x, w, b, y, threads, true); runs++; } while (System.nanoTime() - t0 < 200_000_000L);
					if (i >= 0) {
						t[mode][i] = (System.nanoTime() - t0) / 1e9 / runs;
						cpu[mode][i] = (cpuTime() - c0) / 1e9 / runs;
					}
				}
			VectorConvKernels.smallPlanes = true;
			double gflop = 2.0 * g.macs() / 1e9, before = gflop / fastest(t[0]), after = gflop / fastest(t[1]);
			double beforeCpu = gflop / fastest(cpu[0]), afterCpu = gflop / fastest(cpu[1]);
			System.out.printf("| %d | %d×%d | %d | %d×%d | %d | %.1f | %.1f | %.2f× | %.1f | %.1f | %.2f× |%n", g.cin, g.oh, g.ow, g.cout, k, k, d[4],
					before, after, after / before, beforeCpu, afterCpu, afterCpu / beforeCpu);
		}
	}

	/** CPU time of the whole process (ns): less disturbed than wall time by other processes on a shared machine. */
	private static long cpuTime() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static double fastest(double[] a) { return Arrays.stream(a).min().orElseThrow(); }
}
