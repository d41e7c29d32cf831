package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.InstanceDecoder;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationMetrics;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationResult;
import sc.fiji.convnet.segment.train.NucleiSample;
import sc.fiji.convnet.segment.train.NucleiTraining;

/**
 * Decodes one network's maps (one view, raw scale or each image's true size) of the DSB val splits several ways, so that
 * the distance output's seeds can be compared with the interior seeds of the same network, and reports how high the
 * predicted distance rises inside each true nucleus.
 * <p>
 * Usage: {@code DistanceProbe NET.net TRAINED_DIAMETER(0 = raw) DATA_DIR[,DATA_DIR]}
 */
public final class DistanceProbe {

	public static void main(String[] args) throws Exception {
		Network net = Network.load(Path.of(args[0]));
		double trained = Double.parseDouble(args[1]);
		SegmentationModel model = NucleiTraining.engineModel(net, trained);
		for (String root : args[2].split(",")) {
			List<NucleiSample> val = NucleiDataset.load(Path.of(root), "val");
			SegmentationMetrics interior = new SegmentationMetrics(0.5);
			int interiorObjects = 0, truth = 0;
			double[] peakHist = new double[11];
			double[][] peakSettings = { { 0.15, 0.7 }, { 0.2, 0.7 }, { 0.25, 0.7 }, { 0.3, 0.7 }, { 0.2, 0 }, { 0.2, 0.5 }, { 0.2, 0.8 } };
			SegmentationMetrics[] peakMetrics = new SegmentationMetrics[peakSettings.length];
			int[] peakObjects = new int[peakSettings.length];
			for (int k = 0; k < peakSettings.length; k++) peakMetrics[k] = new SegmentationMetrics(0.5);
			for (NucleiSample v : val) {
				NucleiSegmenter seg = NucleiSegmenter.builder(model).views(1).diameter(trained > 0 ? v.medianDiameter() : 0).build();
				SegmentationResult r = seg.segment(v.pixels(), v.width(), v.height(), Progress.NONE);
				float[][] maps = r.probabilities();
				truth += v.labels().count();
				InstanceDecoder three = decoder(NucleiSegmenter.DEFAULT_SEED_THRESHOLD);
				var l3 = three.decode(new float[][] { maps[0], maps[1], maps[2] }, v.width(), v.height());
				interior.add(v.labels(), l3);
				interiorObjects += l3.count();
				for (int k = 0; k < peakSettings.length; k++) {
					var l = new InstanceDecoder(NucleiSegmenter.DEFAULT_THRESHOLD, peakSettings[k][1], NucleiSegmenter.DEFAULT_MIN_SEED_AREA, 1.0,
							NucleiSegmenter.DEFAULT_MIN_AREA, Integer.MAX_VALUE, true, NucleiSegmenter.DEFAULT_MIN_SCORE, peakSettings[k][0]).decode(maps, v.width(), v.height());
					peakMetrics[k].add(v.labels(), l);
					peakObjects[k] += l.count();
				}
				int[] lab = v.labels().labels();
				float[] peak = new float[v.labels().count() + 1];
				for (int i = 0; i < lab.length; i++) if (lab[i] > 0 && lab[i] < peak.length) peak[lab[i]] = Math.max(peak[lab[i]], maps[3][i]);
				for (int l = 1; l < peak.length; l++) peakHist[Math.min(10, (int) (peak[l] * 10))]++;
			}
			System.out.printf(Locale.ROOT, "%s: interior seeds %.4f (%d objects / %d)%n", Path.of(root).getFileName(), interior.averagePrecision(0), interiorObjects, truth);
			for (int k = 0; k < peakSettings.length; k++)
				System.out.printf(Locale.ROOT, "  distance maxima (prominence %.2f, interior > %.1f at the seed): %.4f (%d objects)%n", peakSettings[k][0], peakSettings[k][1],
						peakMetrics[k].averagePrecision(0), peakObjects[k]);
			StringBuilder sb = new StringBuilder("  peak predicted distance per true nucleus, tenths:");
			for (double c : peakHist) sb.append(' ').append((int) c);
			System.out.println(sb);
		}
	}

	private static InstanceDecoder decoder(double seed) {
		return new InstanceDecoder(NucleiSegmenter.DEFAULT_THRESHOLD, seed, NucleiSegmenter.DEFAULT_MIN_SEED_AREA, 1.0, NucleiSegmenter.DEFAULT_MIN_AREA,
				Integer.MAX_VALUE, true, NucleiSegmenter.DEFAULT_MIN_SCORE);
	}
}
