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
 * What the automatic diameter costs: a 2048² field at the training scale (a val image mirrored out) segmented
 * with the defaults (automatic size) and with the diameter typed as the trained one (no size pass), alternately,
 * in one process:
 * <pre>
 * java -Dconvnet.threads=2 -cp target/test-classes:target/classes:target/dependency/* sc.fiji.convnet.bench.AutoDiameterBenchmark [rounds]
 * </pre>
 */
public final class AutoDiameterBenchmark {

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3, side = 2048;
		NucleiSample v = NucleiDataset.load(Path.of("../shared/data/nuclei-dsb2018"), "val").stream().filter(s -> s.id().startsWith("912a679e")).findFirst()
				.orElseThrow();
		float[] field = new float[side * side];
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++) field[y * side + x] = v.pixels()[mirror(y, v.height()) * v.width() + mirror(x, v.width())];
		SegmentationModel model = ConvNet.segmentationModel("nuclei");
		NucleiSegmenter auto = NucleiSegmenter.builder(model).build(), fixed = NucleiSegmenter.builder(model).diameter(model.trainedDiameter()).build();
		auto.segment(field, side, side, Progress.NONE); // warm-up
		double[] a = new double[rounds], f = new double[rounds];
		double found = 0;
		for (int r = 0; r < rounds; r++) {
			long t0 = System.nanoTime();
			found = auto.segment(field, side, side, Progress.NONE).diameter();
			long t1 = System.nanoTime();
			fixed.segment(field, side, side, Progress.NONE);
			long t2 = System.nanoTime();
			a[r] = (t1 - t0) / 1e9;
			f[r] = (t2 - t1) / 1e9;
		}
		Arrays.sort(a);
		Arrays.sort(f);
		double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		System.out.printf(Locale.ROOT, "2048² at the training scale (found %.1f px, trained %.1f px), %d rounds, load %.1f: automatic %.2f s, typed %.2f s (medians): %.2f×%n",
				found, model.trainedDiameter(), rounds, load, a[rounds / 2], f[rounds / 2], a[rounds / 2] / f[rounds / 2]);
		model.close();
	}

	private static int mirror(int i, int n) {
		return sc.fiji.convnet.engine.kernels.PaddingMode.REFLECT.sourceIndex(i, n);
	}
}
