package sc.fiji.convnet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import ij.plugin.filter.Convolver;
import ij.process.FloatProcessor;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ConvKernels;
import sc.fiji.convnet.filters.Convolution2D;
import sc.fiji.convnet.filters.Kernel2D;

/**
 * Our {@link Convolution2D} (replicated borders, same-size output, as ImageJ) against ImageJ's own
 * {@link Convolver} (single-threaded, as ImageJ runs it on one image) on a 2048×2048 32-bit image.
 * Prints a markdown table of medians after warm-up; with {@code --out FILE} also writes it there.
 * <p>
 * Usage: {@code FilterBenchmark [--size 2048] [--threads 2] [--warmup 2] [--repeats 7] [--out FILE]}
 */
public final class FilterBenchmark {

	public static void main(String[] args) throws IOException {
		int size = 2048, threads = 2, warmup = 2, repeats = 7;
		Path out = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--size" -> size = Integer.parseInt(args[++i]);
			case "--threads" -> threads = Integer.parseInt(args[++i]);
			case "--warmup" -> warmup = Integer.parseInt(args[++i]);
			case "--repeats" -> repeats = Integer.parseInt(args[++i]);
			case "--out" -> out = Path.of(args[++i]);
			default -> throw new IllegalArgumentException("FilterBenchmark: unknown argument " + args[i]);
			}
		}
		Random rnd = new Random(42);
		float[] pixels = new float[size * size];
		for (int i = 0; i < pixels.length; i++) pixels[i] = rnd.nextFloat();
		FloatProcessor image = new FloatProcessor(size, size, pixels);
		Convolution2D conv = Convolution2D.defaults().threads(threads);

		List<String> rows = new ArrayList<>();
		for (int k : new int[] { 3, 9 }) {
			float[] w = new float[k * k];
			for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() * 2 - 1;
			Kernel2D kernel = Kernel2D.of(k, k, w);

			FloatProcessor[] ijResult = new FloatProcessor[1];
			Timed imagej = () -> {
				FloatProcessor copy = (FloatProcessor) image.duplicate();
				long t0 = System.nanoTime();
				Convolver cv = new Convolver();
				cv.setNormalize(false);
				cv.convolve(copy, w, k, k);
				long t1 = System.nanoTime();
				ijResult[0] = copy;
				return (t1 - t0) * 1e-9;
			};
			FloatProcessor[] ours = new FloatProcessor[1];
			Timed ourRun = () -> {
				long t0 = System.nanoTime();
				ours[0] = sc.fiji.convnet.ij.PlaneConvolution.apply(conv, image, kernel);
				return (System.nanoTime() - t0) * 1e-9;
			};
			// what Convolution2D adds around the kernel (border padding, allocation): the same call with kernels that do nothing
			Convolution2D noKernel = conv.kernels(NO_OP);
			Timed overhead = () -> {
				long t0 = System.nanoTime();
				sc.fiji.convnet.ij.PlaneConvolution.apply(noKernel, image, kernel);
				return (System.nanoTime() - t0) * 1e-9;
			};
			// interleaved, so that load from other processes hits all three alike
			double[] med = medians(warmup, repeats, imagej, ourRun, overhead);
			double ijSeconds = med[0], ourSeconds = med[1], overheadSeconds = med[2];
			double maxDiff = 0;
			float[] a = (float[]) ijResult[0].getPixels(), b = (float[]) ours[0].getPixels();
			for (int i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
			double mpix = size * (double) size / 1e6;
			rows.add(String.format("| %d×%d | %.1f | %.1f | %.2f× | %.1f | %.1e |", k, k, mpix / ijSeconds, mpix / ourSeconds,
					ijSeconds / ourSeconds, overheadSeconds * 1e3, maxDiff));
			System.err.printf("kernel %d×%d: Convolver %.1f ms, ours %.1f ms%n", k, k, ijSeconds * 1e3, ourSeconds * 1e3);
		}

		StringBuilder md = new StringBuilder();
		md.append("## Filters: Convolution2D vs ImageJ Convolver\n\n");
		md.append(String.format("%d×%d 32-bit random image, replicated borders, same-size output, kernel not normalised. "
				+ "Median of %d interleaved runs after %d warm-up runs. ImageJ `Convolver.convolve` single-threaded (as ImageJ runs it "
				+ "on one image); ours `Convolution2D` with %d threads through `Kernels.best()` = `%s` kernels. "
				+ "Java %s, %d processors, system load average %.1f at the end (other processes share the machine).%n%n",
				size, size, repeats, warmup, threads, conv.kernelsName(), System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		md.append("| kernel | ImageJ Convolver (Mpixel/s) | ours (Mpixel/s) | ours / ImageJ | our padding + allocation (ms) | max abs difference |\n");
		md.append("|---|---:|---:|---:|---:|---:|\n");
		for (String r : rows) md.append(r).append('\n');
		md.append("\n\"Our padding + allocation\" is the same call with kernels that do nothing: what Convolution2D adds "
				+ "around the engine (output allocation, border strips).\n");
		if (conv.kernelsName().equals("reference"))
			md.append("\nThese numbers use the engine's slow reference kernels (double precision, one thread); rerun "
					+ "`FilterBenchmark --out FILE` once `Kernels.best()` returns the fast kernels.\n");
		System.out.print(md);
		if (out != null) Files.writeString(out, md.toString());
	}

	/** Kernels that compute nothing: isolates the cost of padding and allocation. */
	private static final ConvKernels NO_OP = new ConvKernels() {
		@Override public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {}
		@Override public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {}
		@Override public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {}
		@Override public String name() { return "no-op"; }
	};

	interface Timed { double run(); }

	private static double[] medians(int warmup, int repeats, Timed... bodies) {
		for (int i = 0; i < warmup; i++) for (Timed b : bodies) b.run();
		double[][] t = new double[bodies.length][repeats];
		for (int r = 0; r < repeats; r++) for (int b = 0; b < bodies.length; b++) t[b][r] = bodies[b].run();
		double[] med = new double[bodies.length];
		for (int b = 0; b < bodies.length; b++) {
			Arrays.sort(t[b]);
			med[b] = t[b][repeats / 2];
		}
		return med;
	}
}
