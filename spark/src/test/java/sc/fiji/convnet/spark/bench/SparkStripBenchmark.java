package sc.fiji.convnet.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import sc.fiji.convnet.bench.SyntheticNuclei;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.SampledPercentiles;
import sc.fiji.convnet.segment.LargeImageSegmenter;
import sc.fiji.convnet.segment.SegmentationModels;
import sc.fiji.convnet.spark.SegmentLargeJob;
import sc.fiji.convnet.spark.SparkLargeSegmentation;
import sc.fiji.convnet.spark.zarr.ZarrPlane;

/**
 * The 40,000 × 4,000 strip of BENCHMARKS.md (c) as a block job: the top rows of the {@link SyntheticNuclei} image
 * written as OME-Zarr (timed on its own), then in this JVM the one-machine {@link LargeImageSegmenter} (the job's
 * own settings through {@link SparkLargeSegmentation#segmenter}, ONNX Runtime on {@code threads} threads, labels
 * into an int array) and the Spark job on {@code local[cores]} (one ONNX thread per task, labels into OME-Zarr), the
 * same blocks, tile, batch and default options as (c). Both read the same Zarr input and normalise by its sampled
 * percentiles (the rule of (c); there the sample was of the whole 40,000² image, here of the strip, which is the
 * job's whole input: the percentiles of both are printed). Sessions are opened and the Spark context started
 * outside the timings; the Spark timing includes the model broadcast and each task opening its own session.
 * <pre>
 * args: width=40000 height=4000 block=2048 margin=128 tile=1024 batch=1 chunk=1024 threads=2 cores=2
 *       model=../models/nuclei dir=/tmp/convnet-spark-strip keep=false
 * </pre>
 */
public final class SparkStripBenchmark {

	public static void main(String[] args) throws Exception {
		StripSettings s = StripSettings.parse(args);
		System.out.println("load before: " + load());
		Path dir = Files.createDirectories(s.dir());
		Path input = dir.resolve("strip.zarr"), output = dir.resolve("labels.zarr");
		delete(input);
		delete(output);
		double mpx = (double) s.width() * s.height() / 1e6;

		long t0 = System.nanoTime();
		ZarrPlane zarr = StripInput.write(input, s.width(), s.height(), s.chunk());
		double writeSeconds = seconds(t0);
		System.out.printf(Locale.ROOT, "input: %d × %d SyntheticNuclei (%.1f Mpx) to %s, chunks %d²: %.1f s, %.0f MB on disk%n", s.width(), s.height(), mpx,
				input, s.chunk(), writeSeconds, size(input) / 1e6);
		percentiles(zarr);

		SegmentLargeJob job = new SegmentLargeJob(input.toString(), output.toString());
		job.segmentation = job.segmentation.with("model", s.model()).with("tile", s.tile()); // otherwise the defaults, as (c)
		job.blockSize = s.block();
		job.margin = s.margin();
		job.batchSize = s.batch();
		job.threads = 1;

		// (a) one machine
		LargeImageSegmenter local = SparkLargeSegmentation.segmenter(job, SegmentationModels.load(s.model(), s.threads()));
		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(s.width(), s.height());
		long t1 = System.nanoTime();
		LargeImageSegmenter.Summary one = local.segment(zarr.floats(64), labels, new PercentProgress("one machine", t1));
		double oneSeconds = seconds(t1);
		System.out.println("load after one machine: " + load());

		// (b) Spark
		LargeImageSegmenter.Summary spark;
		double sparkSeconds;
		try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + s.cores() + "]").setAppName("strip bench")
				.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"))) {
			sc.setLogLevel("WARN");
			long t2 = System.nanoTime();
			spark = SparkLargeSegmentation.run(sc, job);
			sparkSeconds = seconds(t2);
		}
		System.out.println("load after Spark: " + load());

		LabelAgreement agreement = LabelAgreement.of(labels.update(null).getCurrentStorageArray(), s.width(), s.height(), ZarrPlane.open(output), spark.objects());
		report(s, mpx, writeSeconds, one, oneSeconds, spark, sparkSeconds, agreement);
		if (!s.keep()) {
			delete(input);
			delete(output);
		}
		System.exit(agreement.differing() == 0 && one.objects() == spark.objects() ? 0 : 1); // Spark's non-daemon threads
	}

	private static void report(StripSettings s, double mpx, double writeSeconds, LargeImageSegmenter.Summary one, double oneSeconds,
			LargeImageSegmenter.Summary spark, double sparkSeconds, LabelAgreement agreement) {
		System.out.printf(Locale.ROOT, "%n| | one machine (LargeImageSegmenter, %d ONNX threads) | Spark local[%d] (1 thread per task) |%n", s.threads(), s.cores());
		System.out.println("|---|---:|---:|");
		System.out.printf(Locale.ROOT, "| image | %d × %d = %.1f Mpx, Zarr written in %.1f s (not in the timings) | same |%n", s.width(), s.height(), mpx, writeSeconds);
		System.out.printf(Locale.ROOT, "| blocks | %d of %d² + %d margin, %d tiles ≤ %d² | %d, %d tiles |%n", one.blocks(), s.block(), s.margin(), one.tiles(), s.tile(),
				spark.blocks(), spark.tiles());
		System.out.printf(Locale.ROOT, "| objects | %d (%d at a block margin, %d conflicting px) | %d (%d, %d) |%n", one.objects(), one.objectsAtMargin(),
				one.conflictPixels(), spark.objects(), spark.objectsAtMargin(), spark.conflictPixels());
		System.out.printf(Locale.ROOT, "| wall time | %.1f s | %.1f s |%n", oneSeconds, sparkSeconds);
		System.out.printf(Locale.ROOT, "| Mpx/s | %.3f | %.3f |%n", mpx / oneSeconds, mpx / sparkSeconds);
		System.out.printf(Locale.ROOT, "| prediction / decoding (summed over tasks for Spark) | %.1f s / %.1f s | %.1f s / %.1f s |%n", one.predictNanos() / 1e9,
				one.decodeNanos() / 1e9, spark.predictNanos() / 1e9, spark.decodeNanos() / 1e9);
		System.out.printf(Locale.ROOT, "| Spark / one machine | | %.2f |%n", sparkSeconds / oneSeconds);
		System.out.println("| labels | " + agreement + " | |");
		System.out.println("load after: " + load());
	}

	/** The normaliser's percentiles on the strip, and on the whole 40,000² image (c) sampled. */
	private static void percentiles(ZarrPlane zarr) {
		SampledPercentiles strip = SampledPercentiles.of(zarr.floats(64)), whole = SampledPercentiles.of(SyntheticNuclei.image(40_000, 40_000));
		System.out.printf(Locale.ROOT, "normalisation: strip p1 = %.1f, p99.8 = %.1f (used); whole 40,000² image p1 = %.1f, p99.8 = %.1f (c)%n",
				strip.percentile(0, 1), strip.percentile(0, 99.8), whole.percentile(0, 1), whole.percentile(0, 99.8));
	}

	private static double seconds(long t0) { return (System.nanoTime() - t0) / 1e9; }

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		} catch (Exception e) {
			return "?";
		}
	}

	private static long size(Path folder) throws Exception {
		try (Stream<Path> s = Files.walk(folder)) {
			return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
	}

	private static void delete(Path folder) throws Exception {
		if (!Files.exists(folder)) return;
		try (Stream<Path> s = Files.walk(folder)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
		}
	}

	/** Every 10 % of the work on stderr, so that a long run shows it is alive. */
	private static final class PercentProgress implements Progress {
		private final String name;
		private final long t0;
		private int shown = -1;

		PercentProgress(String name, long t0) {
			this.name = name;
			this.t0 = t0;
		}

		@Override
		public void update(int done, int total) {
			int tenth = total > 0 ? 10 * done / total : 0;
			if (tenth == shown) return;
			shown = tenth;
			System.err.printf(Locale.ROOT, "  %s: %d %%, %.0f s%n", name, 10 * tenth, seconds(t0));
		}

		@Override
		public boolean cancelled() { return false; }
	}
}
