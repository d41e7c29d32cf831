package sc.fiji.convnet.bench;

import java.util.Arrays;
import java.util.Random;

import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ScalarConvKernels;

/**
 * Times the scalar forward kernel alone on 'same' 3×3 layers, two threads, to compare
 * {@code -Dconvnet.winograd=false} (direct) with the default (Winograd) over many channel counts and plane sizes.
 * Usage: {@code ScalarForwardProbe CINxSIZExCOUT[,…] REPEATS}; every shape is run twice and the second round printed
 * (the first warms the JIT up).
 */
public final class ScalarForwardProbe {

	public static void main(String[] args) {
		String[] shapes = args[0].split(",");
		int repeats = Integer.parseInt(args[1]);
		ScalarConvKernels kernels = new ScalarConvKernels();
		for (int round = 0; round < 2; round++)
			for (String shape : shapes) {
				String[] p = shape.split("x");
				int cin = Integer.parseInt(p[0]), size = Integer.parseInt(p[1]), cout = Integer.parseInt(p[2]);
				ConvGeometry g = new ConvGeometry(1, cin, size, size, cout, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
				Random r = new Random(1);
				float[] x = new float[(int) g.inputSize()], w = new float[(int) g.weightSize()], y = new float[(int) g.outputSize()];
				for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
				for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
				double flops = 2.0 * g.outputSize() * cin * 9;
				double[] seconds = new double[repeats];
				for (int i = 0; i < repeats; i++) {
					long t0 = System.nanoTime();
					kernels.forward(g, x, w, null, y, 2);
					seconds[i] = (System.nanoTime() - t0) / 1e9;
				}
				Arrays.sort(seconds);
				if (round == 1)
					System.out.printf("%s: median %.1f ms, %.1f GFLOP/s (best %.1f)%n", shape, seconds[repeats / 2] * 1e3,
							flops / seconds[repeats / 2] / 1e9, flops / seconds[0] / 1e9);
			}
	}
}
