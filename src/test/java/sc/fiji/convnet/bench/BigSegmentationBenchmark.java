package sc.fiji.convnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.SampledPercentiles;
import sc.fiji.convnet.predict.FittedPreprocessing;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.LargeImageSegmenter;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationMetrics;
import sc.fiji.convnet.segment.SegmentationModels;

/**
 * Segments a lazily generated {@link SyntheticNuclei} image (40,000 × 40,000 by default) with the shipped
 * nuclei U-Net ({@code models/nuclei}, ONNX Runtime) block by block ({@link LargeImageSegmenter}) into a
 * {@link DiskBackedImage} label file, with a heap far below the image (run with -Xmx1g). Normalisation uses
 * the whole image's sampled percentiles even when only a sub-region is segmented. Prints wall time, objects,
 * peak heap and peak resident memory (VmHWM from /proc/self/status).
 * <p>
 * Arguments: {@code size=40000 width=40000 height=40000 block=2048 margin=128 tile=1024 batch=1 cell=512 cache=160
 * model=models/nuclei dir=/tmp}; {@code width}/{@code height} below {@code size} segment the top-left sub-region of
 * that size (stated in the output).
 */
public final class BigSegmentationBenchmark {

	public static void main(String[] args) throws Exception {
		long size = 40_000, width = -1, height = -1;
		int block = 2048, margin = 128, tile = 1024, batch = 1, cell = 512, cache = 160;
		String modelName = "models/nuclei";
		Path dir = Path.of(System.getProperty("java.io.tmpdir"));
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "size" -> size = Long.parseLong(kv[1]);
			case "width" -> width = Long.parseLong(kv[1]);
			case "height" -> height = Long.parseLong(kv[1]);
			case "block" -> block = Integer.parseInt(kv[1]);
			case "margin" -> margin = Integer.parseInt(kv[1]);
			case "tile" -> tile = Integer.parseInt(kv[1]);
			case "batch" -> batch = Integer.parseInt(kv[1]);
			case "cell" -> cell = Integer.parseInt(kv[1]);
			case "cache" -> cache = Integer.parseInt(kv[1]);
			case "model" -> modelName = kv[1];
			case "dir" -> dir = Path.of(kv[1]);
			default -> throw new IllegalArgumentException("BigSegmentationBenchmark: unknown argument " + a);
			}
		}
		width = width < 0 ? size : Math.min(width, size);
		height = height < 0 ? size : Math.min(height, size);
		RandomAccessibleInterval<FloatType> full = SyntheticNuclei.image(size, size);
		RandomAccessibleInterval<FloatType> region = Views.interval(full, new FinalInterval(width, height));
		SegmentationModel model = SegmentationModels.load(modelName);
		NucleiSegmenter settings = NucleiSegmenter.builder(model).tileSize(tile).build();
		Path data = Files.createTempFile(dir, "labels", ".raw");

		try (MemoryMonitor memory = new MemoryMonitor(20);
				DiskBackedImage<IntType, IntArray> labels = DiskBackedImage.ints(data, new long[] { width, height }, new int[] { cell, cell }, cache)) {
			long t0 = System.nanoTime();
			SampledPercentiles stats = SampledPercentiles.of(full);
			FittedPreprocessing normalizer = FittedPreprocessing.of(java.util.List.of(new sc.fiji.convnet.model.transform.ScaleRange(java.util.List.of("y", "x"), 1, 99.8, 1e-6)),
					java.util.List.of("b", "c", "y", "x"), stats);
			long tStats = System.nanoTime() - t0;
			LargeImageSegmenter seg = LargeImageSegmenter.builder(settings).blockSize(block).margin(margin).batchSize(batch)
					.normalization(img -> normalizer).clearLabels(false).build(); // a new sparse file reads as zeros
			int[] lastPercent = { -1 };
			long t1 = System.nanoTime();
			LargeImageSegmenter.Summary s = seg.segment(region, labels.img(), new Progress() {
				@Override public void update(int done, int total) {
					int percent = (int) (100L * done / total);
					if (percent / 5 != lastPercent[0] / 5) {
						lastPercent[0] = percent;
						System.err.printf(Locale.ROOT, "  %d %%, %.0f s, heap peak %.0f MB, VmHWM %.0f MB%n", percent, (System.nanoTime() - t1) / 1e9,
								memory.peakHeapBytes() / 1e6, MemoryMonitor.statusKb("VmHWM") / 1e3);
					}
				}
				@Override public boolean cancelled() { return false; }
			});
			labels.flush();
			long wall = System.nanoTime() - t1;
			long pixels = width * height;
			double fraction = (double) pixels / ((double) size * size);
			System.out.printf(Locale.ROOT, "| image | %d × %d SyntheticNuclei (%.2f·10^9 px, %.1f GB as float) |%n", size, size, size * (double) size / 1e9,
					size * (double) size * 4 / 1e9);
			System.out.printf(Locale.ROOT, "| segmented | %s %d × %d at (0, 0): %.2f·10^9 px, %.1f %% of the image |%n", fraction < 1 ? "SUB-REGION" : "whole image",
					width, height, pixels / 1e9, 100 * fraction);
			System.out.printf(Locale.ROOT, "| model | %s; tile %d, halo %d |%n", model, tile, model.predictor().halo());
			System.out.printf(Locale.ROOT, "| blocks | %d of %d² + %d margin; %d tiles |%n", s.blocks(), block, margin, s.tiles());
			System.out.printf(Locale.ROOT, "| objects | %d (%d at a block margin, %d conflicting pixels) |%n", s.objects(), s.objectsAtMargin(), s.conflictPixels());
			System.out.printf(Locale.ROOT, "| statistics (2^22-pixel grid sample of the whole %d² image, stride %d) | %.1f s; p1 = %.1f, p99.8 = %.1f |%n", size,
					stats.stride(), tStats / 1e9, stats.percentile(0, 1), stats.percentile(0, 99.8));
			System.out.printf(Locale.ROOT, "| wall time | %.0f s: prediction %.0f s, decoding %.0f s, writing labels %.0f s; %.2f Mpx/s |%n", wall / 1e9,
					s.predictNanos() / 1e9, s.decodeNanos() / 1e9, s.writeNanos() / 1e9, pixels / (wall / 1e9) / 1e6);
			if (fraction < 1)
				System.out.printf(Locale.ROOT, "| extrapolated whole image | %.0f s (%.1f h) |%n", wall / 1e9 / fraction, wall / 1e9 / fraction / 3600);
			System.out.printf(Locale.ROOT, "| peak Java heap used, garbage included (sampled every 20 ms) | %.0f MB of -Xmx %.0f MB |%n", memory.peakHeapBytes() / 1e6,
					Runtime.getRuntime().maxMemory() / 1e6);
			System.out.printf(Locale.ROOT, "| peak live heap (after a GC; %d GCs; label cache %d cells = %.0f MB) | %.0f MB |%n", memory.collections(), cache,
					cache * (double) cell * cell * 4 / 1e6, memory.peakLiveHeapBytes() / 1e6);
			System.out.printf(Locale.ROOT, "| VmHWM (peak RSS) / RssAnon / RssFile at end | %.0f / %.0f / %.0f MB |%n", MemoryMonitor.statusKb("VmHWM") / 1e3,
					MemoryMonitor.statusKb("RssAnon") / 1e3, MemoryMonitor.statusKb("RssFile") / 1e3);
			System.out.printf(Locale.ROOT, "| label file | %.2f GB, %d cells written, %d read back |%n", labels.fileBytes() / 1e9, labels.cellsWritten(),
					labels.cellsRead());
			double ap = spotCheck(settings, normalizer, region, labels.img(), block);
			System.out.printf(Locale.ROOT, "| spot check: a 1024² window on a block corner, segmented in memory as one block, vs the label file there | AP@0.5 %.3f |%n", ap);
		} finally {
			Files.deleteIfExists(data);
			sc.fiji.convnet.onnx.SessionCache.shared().close();
		}
	}

	/**
	 * The window of 1024² around the second block corner (or the image's centre when smaller), segmented on its own
	 * (one block, same normalisation), against the labels the block-wise run wrote there. Objects cut by the window's
	 * edge differ between the two, so AP is a little below 1 even when the blocks are right.
	 */
	private static double spotCheck(NucleiSegmenter settings, FittedPreprocessing normalizer, RandomAccessibleInterval<FloatType> image,
			RandomAccessibleInterval<IntType> labels, int block) {
		long cx = Math.min(block, image.dimension(0) / 2), cy = Math.min(block, image.dimension(1) / 2);
		long half = Math.min(512, Math.min(Math.min(cx, cy), Math.min(image.dimension(0) - cx, image.dimension(1) - cy)));
		FinalInterval window = FinalInterval.createMinMax(cx - half, cy - half, cx + half - 1, cy + half - 1);
		net.imglib2.img.array.ArrayImg<IntType, ?> own = net.imglib2.img.array.ArrayImgs.ints(window.dimensionsAsLongArray());
		LargeImageSegmenter.builder(settings).blockSize((int) (2 * half)).margin(0).normalization(img -> normalizer).build()
				.segment(Views.interval(image, window), Views.translate(own, window.minAsLongArray()), Progress.NONE);
		return new SegmentationMetrics(0.5).add(toLabels(own), toLabels(Views.interval(labels, window))).averagePrecision(0);
	}

	private static LabelImage toLabels(RandomAccessibleInterval<IntType> img) {
		int w = (int) img.dimension(0), h = (int) img.dimension(1);
		int[] l = new int[w * h];
		int i = 0;
		for (IntType v : Views.flatIterable(img)) l[i++] = v.get();
		return new LabelImage(w, h, l, 0).relabelConsecutive();
	}
}
