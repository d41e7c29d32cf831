package sc.fiji.convnet.spark;

import java.nio.file.Path;
import java.util.Set;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.cli.Options;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.spark.zarr.ImageToZarr;

/**
 * {@code bin/convnet-spark} and {@code spark-submit --class sc.fiji.convnet.spark.SparkCli}:
 * <pre>
 * segment-large --input IMAGE.zarr --output LABELS.zarr [--model NAME] [--block 2048] [--margin 128]
 *               [--master local[*]|spark://HOST:7077] [--threads N] [--overwrite] [segmentation options]
 * to-zarr --input IMAGE.tif --output IMAGE.zarr [--chunk 512]
 * </pre>
 * Segmentation options are those of {@code convnet segment}: --threshold --seed --diameter
 * --minimum --maximum --tile --views (the former names are still accepted).
 */
public final class SparkCli {

	private SparkCli() {}

	static final String USAGE = """
			usage: convnet-spark segment-large --input IMAGE.zarr --output LABELS.zarr [--model nuclei] [--block 2048] [--margin 128]
			                     [--master local[*]|spark://HOST:7077] [--threads 1] [--overwrite]
			                     [--threshold 0.7] [--seed 0.7] [--diameter 0] [--minimum 20] [--maximum 0] [--tile 0] [--views 4]
			       convnet-spark to-zarr --input IMAGE.tif --output IMAGE.zarr [--chunk 512]""";

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
				SparkConf conf = new SparkConf().setAppName("ConvNet segment-large " + job.input);
				if (o.get("master", null) != null) conf.setMaster(o.get("master", null));
				else if (!conf.contains("spark.master")) conf.setMaster("local[*]"); // spark-submit sets it
				try (JavaSparkContext sc = new JavaSparkContext(conf)) {
					System.out.println(SparkLargeSegmentation.run(sc, job));
				}
				return 0;
			}
			default -> throw new Options.UsageException("unknown command '" + args[0] + "'");
		}
	}
}
