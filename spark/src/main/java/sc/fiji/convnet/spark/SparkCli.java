package sc.fiji.convnet.spark;

import java.nio.file.Path;
import java.util.Set;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.cli.ConvNetCli;
import sc.fiji.convnet.cli.Options;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;
import sc.fiji.convnet.spark.zarr.ImageToZarr;

/**
 * {@code bin/convnet-spark} and {@code spark-submit --class sc.fiji.convnet.spark.SparkCli}:
 * <pre>
 * segment|detect|saliency --input DIR --output DIR [the options of bin/convnet COMMAND] [--master local[*]|spark://HOST:7077] [--threads N]
 * segment-large --input IMAGE.zarr --output LABELS.zarr [--model NAME] [--block 2048] [--margin 128]
 *               [--master local[*]|spark://HOST:7077] [--threads N] [--overwrite] [segmentation options]
 * to-zarr --input IMAGE.tif --output IMAGE.zarr [--chunk 512]
 * </pre>
 * The folder commands take the options of {@code bin/convnet} (the same specs) and give the same files.
 */
public final class SparkCli {

	private SparkCli() {}

	static final String USAGE = """
			usage: convnet-spark segment|detect|saliency --input DIR --output DIR [options of 'bin/convnet COMMAND --help']
			                     [--master local[*]|spark://HOST:7077] [--threads 1]
			       convnet-spark segment-large --input IMAGE.zarr --output LABELS.zarr [--model nuclei] [--block 2048] [--margin 128]
			                     [--master local[*]|spark://HOST:7077] [--threads 1] [--overwrite]
			                     [--threshold 0.7] [--seed 0.7] [--diameter 0] [--minimum 20] [--maximum 0] [--tile 0] [--views 4]
			       convnet-spark to-zarr --input IMAGE.tif --output IMAGE.zarr [--chunk 512]
			--threads: threads of each Spark task (match spark.task.cpus).""";

	/** The Spark options every job command takes besides its own. */
	private static final Set<String> SPARK_OPTIONS = Set.of("master", "threads");

	public static void main(String[] args) throws Exception {
		try {
			System.exit(run(args));
		} catch (Options.UsageException e) {
			System.err.println("convnet-spark: " + e.getMessage() + "\n" + USAGE);
			System.exit(2);
		} catch (IllegalArgumentException | java.io.IOException e) {
			System.err.println("convnet-spark: " + e.getMessage());
			System.exit(1);
		}
	}

	static int run(String[] args) throws Exception {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
			System.out.println(USAGE);
			return args.length == 0 ? 2 : 0;
		}
		switch (args[0]) {
			case "segment", "detect", "saliency" -> {
				return folder(args);
			}
			case "to-zarr" -> {
				Options o = new Options(args, 1, Set.of("input", "output", "chunk"), Set.of());
				ImagePlus imp = IJ.openImage(o.require("input"));
				if (imp == null) throw new IllegalArgumentException("cannot open " + o.get("input", ""));
				System.out.println(ImageToZarr.write(imp.getProcessor(), Path.of(o.require("output")), o.integer("chunk", 512)).array());
				return 0;
			}
			case "segment-large" -> {
				Options o = Options.of(args, SegmentRequest.SPEC, Set.of("input", "output", "block", "margin", "master", "threads", "batch"), Set.of("overwrite"));
				SegmentLargeJob job = new SegmentLargeJob(o.require("input"), o.require("output"));
				job.segmentation = Options.request(() -> SegmentRequest.from(o.values(SegmentRequest.SPEC)));
				job.blockSize = o.integer("block", job.blockSize);
				job.margin = o.integer("margin", job.margin);
				job.threads = o.integer("threads", job.threads);
				job.batchSize = o.integer("batch", job.batchSize);
				job.overwrite = o.flag("overwrite");
				try (JavaSparkContext sc = context("ConvNet segment-large " + job.input, o)) {
					System.out.println(SparkLargeSegmentation.run(sc, job));
				}
				return 0;
			}
			default -> throw new Options.UsageException("unknown command '" + args[0] + "'");
		}
	}

	/** {@code segment}, {@code detect} or {@code saliency} over a folder: the options of {@code bin/convnet} plus Spark's. */
	private static int folder(String[] args) throws Exception {
		String command = args[0];
		Spec spec = switch (command) {
			case "segment" -> ConvNetCli.SEGMENT;
			case "detect" -> ConvNetCli.DETECT;
			default -> ConvNetCli.SALIENCY;
		};
		Options o = Options.of(args, spec, SPARK_OPTIONS, Set.of());
		if (o.flag("help")) {
			System.out.print("Usage: convnet-spark " + command + " --input DIR --output DIR [options]   (outputs as 'bin/convnet " + command
					+ " --help' says)\n\nOptions:\n" + spec.cliUsage()
					+ "  --master URL             local[N], local[*] or spark://HOST:7077 (default: spark-submit's, else local[*])\n"
					+ "  --threads N              threads of each Spark task (default 1; match spark.task.cpus)\n");
			return 0;
		}
		Values v = o.values(spec);
		FolderJob job = new FolderJob(command(command, o, v), o.require("input"), o.require("output"));
		job.filter = spec.find("file") != null ? v.text("file") : null;
		job.overwrite = v.flag("overwrite");
		job.threads = o.integer("threads", job.threads);
		try (JavaSparkContext sc = context("ConvNet " + command + " " + job.input, o)) {
			FolderRunner.Report report = SparkFolders.run(sc, job, System.out::println);
			System.out.println(command + ": " + report + " (" + job.output + ")");
			return report.exitCode();
		}
	}

	/** The request of a folder command, checked as {@code bin/convnet} checks it (a refused value is a usage error). */
	private static FolderCommand command(String command, Options o, Values v) throws java.io.IOException {
		return switch (command) {
			case "segment" -> new FolderCommand.Segment(Options.request(() -> SegmentRequest.from(v)));
			case "detect" -> new FolderCommand.Detect(Options.request(() -> DetectRequest.from(v)));
			default -> {
				SaliencyRequest r = Options.request(() -> SaliencyRequest.from(o.values(SaliencyRequest.SPEC)));
				try {
					yield new FolderCommand.Saliency(r, r.classIndex());
				} catch (IllegalArgumentException e) {
					throw new Options.UsageException("--target: " + e.getMessage());
				}
			}
		};
	}

	/** A Spark context on {@code --master}, else the one spark-submit sets, else every core of this machine. */
	private static JavaSparkContext context(String name, Options o) {
		SparkConf conf = new SparkConf().setAppName(name);
		if (o.get("master", null) != null) conf.setMaster(o.get("master", null));
		else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
		return new JavaSparkContext(conf);
	}
}
