package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationResult;
import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * What the automatic diameter costs (issue #14: at most 1.5× the time of segmenting at the image's own scale, on a
 * 2048² image): real val images rescaled so that their nuclei have a chosen size, mirrored out to 2048², segmented
 * with the defaults (automatic diameter) and with the diameter typed as the trained one (the image's own scale, as
 * before the automatic size), interleaved in one process, median of the repeats:
 * <pre>
 * java -Xmx8g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:target/dependency/*" \
 *   sc.fiji.convnet.bench.AutoDiameterTimingBenchmark [--data DIR] [--image ID] [--sizes 17.6,35,70] [--edge 2048] [--repeats 3]
 * </pre>
 */
public final class AutoDiameterTimingBenchmark {

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		String id = o.getOrDefault("image", "78a981bd27ba0c65a9169548665a17bda9f49050d0d3893a6567d1eb92cd003d");
		int edge = Integer.parseInt(o.getOrDefault("edge", "2048")), repeats = Integer.parseInt(o.getOrDefault("repeats", "3"));
		NucleiSample source = NucleiDataset.load(Path.of(o.getOrDefault("data", "../shared/data/nuclei-dsb2018")), "val").stream()
				.filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException("no val image " + id));
		SegmentationModel model = ConvNet.segmentationModel("nuclei");
		double trained = model.trainedDiameter();
		System.out.printf(Locale.ROOT, "image %s (%dx%d, nuclei %.1f px), mirrored to %d², trained diameter %.1f, %s threads, load %.2f%n", id,
				source.width(), source.height(), source.medianDiameter(), edge, trained, System.getProperty("convnet.threads", "default"), load());
		System.out.println("| nuclei (px) | found (px) | own scale (s) | automatic (s) | ratio | load |");
		System.out.println("|---|---|---|---|---|---|");
		for (String size : o.getOrDefault("sizes", "17.6,35,70").split(",")) {
			double d = Double.parseDouble(size);
			NucleiSample scaled = RescaledValEvaluation.rescale(source, d / source.medianDiameter());
			float[] pixels = mirrored(scaled.pixels(), scaled.width(), scaled.height(), edge);
			NucleiSegmenter own = NucleiSegmenter.builder(model).diameter(trained).build(), auto = NucleiSegmenter.builder(model).build();
			own.segment(pixels, edge, edge, Progress.NONE); // warm-up of both paths
			auto.segment(pixels, edge, edge, Progress.NONE);
			List<Double> tOwn = new ArrayList<>(), tAuto = new ArrayList<>();
			double found = 0;
			for (int r = 0; r < repeats; r++) {
				long t0 = System.nanoTime();
				own.segment(pixels, edge, edge, Progress.NONE);
				long t1 = System.nanoTime();
				SegmentationResult res = auto.segment(pixels, edge, edge, Progress.NONE);
				long t2 = System.nanoTime();
				tOwn.add((t1 - t0) / 1e9);
				tAuto.add((t2 - t1) / 1e9);
				found = res.diameter();
			}
			double a = median(tOwn), b = median(tAuto);
			System.out.printf(Locale.ROOT, "| %.1f | %.1f | %.2f | %.2f | %.2f× | %.2f |%n", d, found, a, b, b / a, load());
		}
		model.close();
	}

	/** The w×h image reflected out (or cropped) to edge×edge. */
	private static float[] mirrored(float[] p, int w, int h, int edge) {
		float[] out = new float[edge * edge];
		for (int y = 0; y < edge; y++)
			for (int x = 0; x < edge; x++) out[y * edge + x] = p[reflect(y, h) * w + reflect(x, w)];
		return out;
	}

	private static int reflect(int i, int n) {
		if (n == 1) return 0;
		int period = 2 * (n - 1), m = i % period;
		return m < n ? m : period - m;
	}

	private static double median(List<Double> v) {
		double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(a);
		return a[a.length / 2];
	}

	private static double load() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}
}
