package sc.fiji.convnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;
import sc.fiji.convnet.predict.OnnxPredictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.SampledPercentiles;
import sc.fiji.convnet.predict.FittedPreprocessing;
import sc.fiji.convnet.predict.StreamingTiledPredictor;
import sc.fiji.convnet.predict.Tile;
import sc.fiji.convnet.predict.TileGrid;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A 40,000 × 40,000 synthetic image (generated lazily, {@link SyntheticNuclei}; 1.6·10^9 pixels, 6.4 GB as
 * float) predicted through a cheap ONNX model (3×3 conv + sigmoid, {@link BenchModels}) by
 * {@link StreamingTiledPredictor} into a {@link DiskBackedImage}, with whole-image percentiles from
 * {@link SampledPercentiles}. Prints wall time, throughput, peak heap and resident memory. Run it with a heap
 * far below the image (-Xmx2g). {@code region=N} predicts only the N×N far corner (the same tiles as the full
 * run there) and extrapolates. Spot checks compare output pixels (seams included) with one ONNX Runtime run on
 * a small patch around each.
 * <p>
 * Arguments: {@code size=40000 region=40000 tile=1024 halo=32 batch=4 threads=2 dir=/tmp}
 */
public final class BigImageBenchmark {

	public static void main(String[] args) throws Exception {
		long size = 40_000, region = 40_000;
		int tile = 1024, halo = 32, batch = 4, threads = 2;
		Path dir = Path.of(System.getProperty("java.io.tmpdir"));
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "size" -> size = Long.parseLong(kv[1]);
			case "region" -> region = Long.parseLong(kv[1]);
			case "tile" -> tile = Integer.parseInt(kv[1]);
			case "halo" -> halo = Integer.parseInt(kv[1]);
			case "batch" -> batch = Integer.parseInt(kv[1]);
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "dir" -> dir = Path.of(kv[1]);
			default -> throw new IllegalArgumentException("BigImageBenchmark: unknown argument " + a);
			}
		}
		region = Math.min(region, size);
		Path model = BenchModels.convSigmoid(Files.createTempFile(dir, "conv-sigmoid", ".onnx"), 0);
		Path data = Files.createTempFile(dir, "prediction", ".raw");
		OnnxSession session = SessionCache.shared().get(model, threads);
		OnnxPredictor predictor = new OnnxPredictor(session, 1, halo);
		RandomAccessibleInterval<FloatType> input = SyntheticNuclei.image(size, size);

		try (MemoryMonitor memory = new MemoryMonitor(20)) {
			long t0 = System.nanoTime();
			SampledPercentiles stats = SampledPercentiles.of(input);
			FittedPreprocessing normalizer = FittedPreprocessing.of(java.util.List.of(new sc.fiji.convnet.model.transform.ScaleRange(java.util.List.of("y", "x"), 1, 99.8, 1e-6)),
					java.util.List.of("b", "c", "y", "x"), stats);
			long tStats = System.nanoTime() - t0;

			StreamingTiledPredictor tiler = StreamingTiledPredictor.builder(predictor).tileSize(tile).halo(halo).batchSize(batch).normalizer(normalizer).build();
			TileGrid grid = tiler.grid(input);
			int cell = 1024;
			long cellsPerRow = (region + cell - 1) / cell;
			int cacheCells = (int) (2 * cellsPerRow + 4); // a row of tiles (core ≤ cell) touches two rows of cells
			long x0 = size - region;
			try (DiskBackedImage<FloatType, FloatArray> out = DiskBackedImage.floats(data, new long[] { region, region }, new int[] { cell, cell }, cacheCells)) {
				RandomAccessibleInterval<FloatType> output = Views.translate(out.img(), x0, x0);
				long t1 = System.nanoTime();
				int[] lastTenth = { -1 };
				StreamingTiledPredictor.Report r = tiler.predict(input, output, new Progress() {
					@Override public void update(int done, int total) {
						int tenth = (int) (10L * done / total);
						if (tenth != lastTenth[0]) {
							lastTenth[0] = tenth;
							System.err.printf(Locale.ROOT, "  %d/%d tiles, %.0f s, heap peak %.0f MB%n", done, total, (System.nanoTime() - t1) / 1e9,
									memory.peakHeapBytes() / 1e6);
						}
					}
					@Override public boolean cancelled() { return false; }
				});
				out.flush();
				long tPredict = System.nanoTime() - t1;
				double maxErr = spotCheck(session, input, normalizer, output, grid, x0);
				long pixels = region * region;
				double fraction = (double) pixels / (size * size);
				System.out.printf(Locale.ROOT, "| image | %d × %d (%.2f·10^9 px, %.1f GB as float) |%n", size, size, size * size / 1e9, size * size * 4 / 1e9);
				System.out.printf(Locale.ROOT, "| predicted region | %d × %d at (%d, %d), %.1f %% of the image |%n", region, region, x0, x0, 100 * fraction);
				System.out.printf(Locale.ROOT, "| tiles | %s; %d tiles in %d batches of ≤ %d |%n", grid, r.tiles(), r.batches(), tiler.batchSize());
				System.out.printf(Locale.ROOT, "| statistics (2^22-pixel grid sample, stride %d) | %.2f s; p1 = %.1f, p99.8 = %.1f |%n", stats.stride(), tStats / 1e9,
						stats.percentile(0, 1), stats.percentile(0, 99.8));
				System.out.printf(Locale.ROOT, "| prediction wall time | %.1f s (read %.1f s and write %.1f s on their threads, ORT %.1f s) |%n", tPredict / 1e9,
						r.readNanos() / 1e9, r.writeNanos() / 1e9, r.predictNanos() / 1e9);
				System.out.printf(Locale.ROOT, "| throughput | %.1f Mpx/s (output pixels) |%n", pixels / (tPredict / 1e9) / 1e6);
				if (fraction < 1)
					System.out.printf(Locale.ROOT, "| extrapolated full image | %.0f s |%n", (tPredict / 1e9) / fraction + tStats / 1e9);
				System.out.printf(Locale.ROOT, "| peak Java heap used, garbage included (sampled every 20 ms) | %.0f MB of -Xmx %.0f MB |%n", memory.peakHeapBytes() / 1e6,
						Runtime.getRuntime().maxMemory() / 1e6);
				System.out.printf(Locale.ROOT, "| peak live heap (in use right after a GC; %d GCs; cell cache %d cells = %.0f MB) | %.0f MB |%n", memory.collections(),
						cacheCells, cacheCells * (double) cell * cell * 4 / 1e6, memory.peakLiveHeapBytes() / 1e6);
				System.out.printf(Locale.ROOT, "| VmHWM (peak RSS) / RssAnon / RssFile at end | %.0f / %.0f / %.0f MB |%n", MemoryMonitor.statusKb("VmHWM") / 1e3,
						MemoryMonitor.statusKb("RssAnon") / 1e3, MemoryMonitor.statusKb("RssFile") / 1e3);
				System.out.printf(Locale.ROOT, "| output file | %.2f GB, %d cells written, %d read back |%n", out.fileBytes() / 1e9, out.cellsWritten(), out.cellsRead());
				System.out.printf(Locale.ROOT, "| spot checks (seams and corners) vs a direct ORT run on a patch | max abs difference %.2e |%n", maxErr);
			}
		} finally {
			SessionCache.shared().close();
			Files.deleteIfExists(data);
			Files.deleteIfExists(model);
		}
	}

	/** Output pixels at tile seams and corners vs ORT on a 9×9 patch around them (interior points, no mirroring). */
	private static double spotCheck(OnnxSession session, RandomAccessibleInterval<FloatType> input, FittedPreprocessing normalizer,
			RandomAccessibleInterval<FloatType> output, TileGrid grid, long x0) {
		RandomAccess<FloatType> in = input.randomAccess(), out = output.randomAccess();
		long max = output.max(0);
		// the seams after the tile whose core holds (x0, x0)
		TileGrid.TileRange first = grid.covering(new net.imglib2.FinalInterval(new long[] { x0, x0 }, new long[] { x0, x0 }));
		Tile t = grid.tile(first.firstColumn(), first.firstRow());
		long seamX = t.coreX() + t.coreWidth(), seamY = t.coreY() + t.coreHeight();
		long[][] points = { { seamX - 1, seamY - 1 }, { seamX, seamY }, { seamX, seamY - 1 }, { seamX - 1, seamY }, { x0 + 5, x0 + 5 }, { max - 5, max - 5 },
				{ (x0 + max) / 2, (x0 + max) / 2 + 1 }, { seamX + 3 * t.coreWidth(), max - 7 } };
		double worst = 0;
		for (long[] p : points) {
			if (p[0] < x0 + 4 || p[1] < x0 + 4 || p[0] > max - 4 || p[1] > max - 4) continue;
			float[] patch = new float[81];
			for (int dy = 0; dy < 9; dy++)
				for (int dx = 0; dx < 9; dx++) patch[dy * 9 + dx] = in.setPositionAndGet(p[0] + dx - 4, p[1] + dy - 4).get();
			normalizer.normalize(patch, 0, 81, 0);
			float expected = session.run(new Tensor(patch, 1, 1, 9, 9)).get(0, 0, 4, 4);
			worst = Math.max(worst, Math.abs(expected - out.setPositionAndGet(p[0], p[1]).get()));
		}
		return worst;
	}
}
