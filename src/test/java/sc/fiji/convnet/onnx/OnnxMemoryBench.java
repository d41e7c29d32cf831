package sc.fiji.convnet.onnx;

import java.nio.file.Path;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Not a test: runs a model many times and prints resident memory and time per run.
 * {@code java -cp ... sc.fiji.convnet.onnx.OnnxMemoryBench [model.onnx] [runs] [threads]}; the default model is the
 * bioimage.io UNet from the shared data. Its input shape comes from the model (dynamic axes become 256).
 */
public final class OnnxMemoryBench {

	public static void main(String[] args) throws Exception {
		Path model = Path.of(args.length > 0 ? args[0] : "../shared/data/bioimageio/unet2d_nuclei_broad/weights.onnx");
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		try (OnnxSession s = OnnxSession.open(model, threads)) {
			long[] shape = s.inputs().get(0).shape();
			int[] dims = new int[shape.length];
			for (int i = 0; i < dims.length; i++) dims[i] = shape[i] < 0 ? (i == 0 ? 1 : 256) : (int) shape[i];
			Tensor x = Tensor.zeros(dims);
			java.util.Random r = new java.util.Random(1);
			for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian();
			for (int i = 0; i < 10; i++) s.run(x);
			System.gc();
			long before = NativeMemoryTest.nativeKiB(), rss0 = NativeMemoryTest.rssKiB();
			long t0 = System.nanoTime();
			for (int i = 1; i <= runs; i++) {
				s.run(x);
				if (i % Math.max(1, runs / 10) == 0) {
					System.gc();
					System.out.printf("%5d runs: RSS %d KiB, native (RSS - heap - direct) %d KiB%n", i, NativeMemoryTest.rssKiB(), NativeMemoryTest.nativeKiB());
				}
			}
			double ms = (System.nanoTime() - t0) / 1e6 / runs;
			System.gc();
			System.out.printf("%s %s, %d runs, %d threads: %.1f ms/run; RSS %d -> %d KiB, native %d -> %d KiB%n", model.getFileName(),
					x.shapeString(), runs, threads, ms, rss0, NativeMemoryTest.rssKiB(), before, NativeMemoryTest.nativeKiB());
		}
	}
}
