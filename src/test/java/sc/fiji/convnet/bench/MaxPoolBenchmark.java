package sc.fiji.convnet.bench;

import java.util.Locale;
import java.util.Random;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.tensor.Tensor;

/**
 * One inference max pooling (batch 1) on random values, repeated; prints the fastest of 2000 runs, five times. The
 * thread count is {@code convnet.threads}; the vector or plain-Java maxima as the JVM allows (BENCHMARKS.md, session 7).
 * <pre>
 * java [--add-modules jdk.incubator.vector] -Dconvnet.threads=2 ... sc.fiji.convnet.bench.MaxPoolBenchmark CHANNELS SIZE KERNEL STRIDE
 * </pre>
 */
public final class MaxPoolBenchmark {

	private MaxPoolBenchmark() {}

	public static void main(String[] args) {
		int c = Integer.parseInt(args[0]), size = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), s = Integer.parseInt(args[3]);
		MaxPool2d pool = new MaxPool2d(k, k, s, s);
		Tensor x = Tensor.zeros(1, c, size, size);
		Random r = new Random(1);
		for (int i = 0; i < x.size(); i++) x.data()[i] = r.nextFloat();
		for (int round = 0; round < 5; round++) {
			long best = Long.MAX_VALUE;
			for (int i = 0; i < 2000; i++) {
				long t0 = System.nanoTime();
				pool.forward(new Tensor[] { x }, Phase.INFERENCE);
				best = Math.min(best, System.nanoTime() - t0);
			}
			System.out.printf(Locale.ROOT, "%d×%d×%d, %d×%d/%d: fastest %.1f µs%n", c, size, size, k, k, s, best / 1e3);
		}
	}
}
