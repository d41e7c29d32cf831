package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * What the automatic diameter costs: a 2048² field (a val image, median nucleus 13.1 px, mirrored out) segmented
 * with the defaults (automatic size), with the diameter typed as the trained one (the model's own scale, no size
 * pass) and typed as the one the automatic size found (the same rescaling, no size pass), alternately, in one
 * process. With {@code zoom} the val image is first enlarged that much ({@link RescaledValEvaluation#rescale}): 1.34 puts its nuclei at the
 * trained 17.6 px.
 * <pre>
 * java -Dconvnet.threads=2 -cp target/test-classes:target/classes:target/dependency/* sc.fiji.convnet.bench.AutoDiameterBenchmark [rounds [zoom]]
 * </pre>
 */
public final class AutoDiameterBenchmark {

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3, side = 2048;
		double zoom = args.length > 1 ? Double.parseDouble(args[1]) : 1;
		NucleiSample v = NucleiDataset.load(Path.of("../shared/data/nuclei-dsb2018"), "val").stream().filter(s -> s.id().startsWith("912a679e")).findFirst()
				.orElseThrow();
		NucleiSample z = RescaledValEvaluation.rescale(v, zoom); // as the rescaled val copies are made
		int sw = z.width(), sh = z.height();
		float[] source = z.pixels();
		float[] field = new float[side * side];
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++) field[y * side + x] = source[mirror(y, sh) * sw + mirror(x, sw)];
		SegmentationModel model = ConvNet.segmentationModel("nuclei");
		NucleiSegmenter auto = NucleiSegmenter.builder(model).build(), fixed = NucleiSegmenter.builder(model).diameter(model.trainedDiameter()).build();
		double found = auto.segment(field, side, side, Progress.NONE).diameter(); // warm-up
		NucleiSegmenter atFound = NucleiSegmenter.builder(model).diameter(found).build();
		double[] a = new double[rounds], f = new double[rounds], g = new double[rounds];
		for (int r = 0; r < rounds; r++) {
			long t0 = System.nanoTime();
			found = auto.segment(field, side, side, Progress.NONE).diameter();
			long t1 = System.nanoTime();
			fixed.segment(field, side, side, Progress.NONE);
			long t2 = System.nanoTime();
			atFound.segment(field, side, side, Progress.NONE);
			long t3 = System.nanoTime();
			a[r] = (t1 - t0) / 1e9;
			f[r] = (t2 - t1) / 1e9;
			g[r] = (t3 - t2) / 1e9;
		}
		Arrays.sort(a);
		Arrays.sort(f);
		Arrays.sort(g);
		double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		System.out.printf(Locale.ROOT, "2048² (val image zoomed %.2f, found %.1f px, trained %.1f px), %d rounds, load %.1f: automatic %.2f s,"
				+ " typed as trained %.2f s (%.2f×), typed as found %.2f s (%.2f×) (medians)%n",
				zoom, found, model.trainedDiameter(), rounds, load, a[rounds / 2], f[rounds / 2], a[rounds / 2] / f[rounds / 2],
				g[rounds / 2], a[rounds / 2] / g[rounds / 2]);
		model.close();
	}

	private static int mirror(int i, int n) {
		return sc.fiji.convnet.engine.kernels.PaddingMode.REFLECT.sourceIndex(i, n);
	}
}
