package sc.fiji.convnet.segment;

import java.nio.file.Path;
import java.util.List;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.train.*;

/** Experiment (issue #14, f11): predicted against true ray lengths on val, and the AP of polygons from each (runs/nuclei-s16/ray-accuracy.log). */
public class StarRayAccuracy {
	public static void main(String[] a) throws Exception {
		Network net = Network.load(Path.of(a[0]));
		List<NucleiSample> val = NucleiDataset.load(Path.of(a[1]), "val");
		SegmentationModel model = NucleiTraining.engineModel(net, 17.6);
		int limit = Integer.parseInt(a[2]);
		for (NucleiSample v : val.subList(0, Math.min(limit, val.size()))) {
			NucleiSegmenter seg = NucleiSegmenter.builder(model).views(1).diameter(17.6).build();
			SegmentationResult r = seg.segment(v.pixels(), v.width(), v.height(), Progress.NONE);
			float[][] p = r.probabilities();
			int w = v.width(), h = v.height();
			int[] truth = v.labels().labels();
			float[] dt = DistanceTarget.of(truth, w, h);
			float[][] tr = StarRays.lengths(truth, w, h, 32);
			double err = 0, bias = 0; int cnt = 0;
			for (int i = 0; i < w * h; i++) if (dt[i] > 0.5) { for (int k = 0; k < 32; k++) { err += Math.abs(p[4 + k][i] - tr[k][i]); bias += p[4 + k][i] - tr[k][i]; } cnt += 32; }
			boolean[] mask = new boolean[w * h];
			for (int i = 0; i < w * h; i++) mask[i] = p[1][i] + p[2][i] > 0.6;
			List<StarPolygons.Star> stars = new StarPolygons(0.5, 0.4).find(p[3], java.util.Arrays.copyOfRange(p, 4, 36), mask, w, h);
			LabelImage painted = StarPolygons.paint(stars, w, h, 1).filterBySize(20, Integer.MAX_VALUE);
			SegmentationMetrics mp = new SegmentationMetrics(0.5); mp.add(v.labels(), painted);
			SegmentationMetrics md = new SegmentationMetrics(0.5); md.add(v.labels(), r.labels());
			// oracle rays: true rays with predicted score
			List<StarPolygons.Star> so = new StarPolygons(0.5, 0.4).find(p[3], tr, mask, w, h);
			SegmentationMetrics mo = new SegmentationMetrics(0.5); mo.add(v.labels(), StarPolygons.paint(so, w, h, 1).filterBySize(20, Integer.MAX_VALUE));
			System.out.printf("%s %dx%d d=%.1f truth %d  rayMAE %.2f px bias %.2f px  stars %d  AP paint %.3f  decoder(%s) %.3f  oracle-rays %.3f%n", v.id().substring(0, 8), w, h,
					v.medianDiameter(), v.labels().count(), 10 * err / cnt, 10 * bias / cnt, stars.size(), mp.averagePrecision(0), InstanceDecoder.STAR_MODE, md.averagePrecision(0), mo.averagePrecision(0));
		}
	}
}
