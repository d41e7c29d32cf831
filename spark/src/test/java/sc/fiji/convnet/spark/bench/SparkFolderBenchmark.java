package sc.fiji.convnet.spark.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import sc.fiji.convnet.cli.ConvNetCli;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.spark.FolderCommand;
import sc.fiji.convnet.spark.FolderJob;
import sc.fiji.convnet.spark.SparkFolders;

/**
 * What Spark costs on one machine: {@code bin/convnet segment} (in this JVM, 1 and 2 threads) against the same folder
 * as a Spark job on {@code local[1]} and {@code local[2]} (one thread per task), default options, in alternating
 * rounds after one warm-up run each (sessions open, Spark contexts started outside the timings); every run writes a
 * fresh output folder, so every image is segmented.
 * <pre>
 * args: IMAGE_FOLDER [rounds=3] [work=/tmp/convnet-spark-bench]
 * </pre>
 */
public final class SparkFolderBenchmark {

	public static void main(String[] args) throws Exception {
		Path images = Path.of(args[0]);
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "/tmp/convnet-spark-bench"));
		Map<String, List<Double>> seconds = new LinkedHashMap<>();
		System.out.println("load before: " + uptime());
		for (int round = 0; round <= rounds; round++) { // round 0: warm-up, not counted
			for (int threads : new int[] { 1, 2 }) {
				Path out = work.resolve("cli" + threads + "-" + round);
				long t0 = System.nanoTime();
				if (convnet("segment", "--input", images.toString(), "--output", out.toString(), "--threads", String.valueOf(threads)) != 0)
					throw new IllegalStateException("bin/convnet segment failed");
				record(seconds, "bin/convnet segment --threads " + threads, round, t0);
			}
			for (int cores : new int[] { 1, 2 }) {
				try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + cores + "]").setAppName("bench")
						.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"))) {
					FolderJob job = new FolderJob(new FolderCommand.Segment(SegmentRequest.defaults()), images.toString(),
							work.resolve("spark" + cores + "-" + round).toString());
					long t0 = System.nanoTime();
					FolderRunner.Report r = SparkFolders.run(sc, job, line -> {});
					if (r.exitCode() != 0) throw new IllegalStateException(r.toString());
					record(seconds, "convnet-spark segment --master local[" + cores + "] --threads 1", round, t0);
				}
			}
			System.out.println("round " + round + " done; load " + uptime());
		}
		System.out.println("load after: " + uptime());
		double cli1 = median(seconds.get("bin/convnet segment --threads 1")), cli2 = median(seconds.get("bin/convnet segment --threads 2"));
		for (Map.Entry<String, List<Double>> e : seconds.entrySet())
			System.out.printf(Locale.ROOT, "%-50s median %6.1f s of %s; / CLI 1 thread %.2f, / CLI 2 threads %.2f%n", e.getKey(), median(e.getValue()),
					e.getValue(), median(e.getValue()) / cli1, median(e.getValue()) / cli2);
		System.exit(0); // Spark's non-daemon threads
	}

	private static void record(Map<String, List<Double>> seconds, String name, int round, long t0) {
		double s = (System.nanoTime() - t0) / 1e9;
		System.out.printf(Locale.ROOT, "  %-50s %6.1f s%s%n", name, s, round == 0 ? " (warm-up)" : "");
		if (round > 0) seconds.computeIfAbsent(name, k -> new ArrayList<>()).add(Math.round(s * 10) / 10.0);
	}

	private static double median(List<Double> v) {
		List<Double> s = new ArrayList<>(v);
		s.sort(null);
		return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
	}

	private static String uptime() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		} catch (Exception e) {
			return "?";
		}
	}

	/** {@code bin/convnet} in this JVM, its log discarded. */
	private static int convnet(String... args) {
		PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return ConvNetCli.run(args, quiet, quiet);
	}
}
