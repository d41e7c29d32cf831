package sc.fiji.convnet.spark.bench;

import java.nio.file.Path;

/** {@link SparkStripBenchmark}'s {@code key=value} arguments; the defaults are the strip and (c)'s blocks. */
record StripSettings(int width, int height, int block, int margin, int tile, int batch, int chunk, int threads, int cores, String model, Path dir,
		boolean keep) {

	static StripSettings parse(String... args) {
		int width = 40_000, height = 4_000, block = 2048, margin = 128, tile = 1024, batch = 1, chunk = 1024, threads = 2, cores = 2;
		String model = "../models/nuclei";
		Path dir = Path.of("/tmp/convnet-spark-strip");
		boolean keep = false;
		for (String a : args) {
			String[] kv = a.split("=", 2);
			if (kv.length != 2) throw new IllegalArgumentException("SparkStripBenchmark: key=value expected, got " + a);
			switch (kv[0]) {
			case "width" -> width = Integer.parseInt(kv[1]);
			case "height" -> height = Integer.parseInt(kv[1]);
			case "block" -> block = Integer.parseInt(kv[1]);
			case "margin" -> margin = Integer.parseInt(kv[1]);
			case "tile" -> tile = Integer.parseInt(kv[1]);
			case "batch" -> batch = Integer.parseInt(kv[1]);
			case "chunk" -> chunk = Integer.parseInt(kv[1]);
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "cores" -> cores = Integer.parseInt(kv[1]);
			case "model" -> model = kv[1];
			case "dir" -> dir = Path.of(kv[1]);
			case "keep" -> keep = Boolean.parseBoolean(kv[1]);
			default -> throw new IllegalArgumentException("SparkStripBenchmark: unknown argument " + a);
			}
		}
		return new StripSettings(width, height, block, margin, tile, batch, chunk, threads, cores, model, dir, keep);
	}
}
