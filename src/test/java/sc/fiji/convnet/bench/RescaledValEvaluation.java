package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationMetrics;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationResult;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * Val AP@0.5 of a nuclei model on rescaled copies of the val splits (images bilinear with averaging
 * when shrinking, labels nearest neighbour), as a user with another pixel size would see it:
 * <pre>
 * java -cp target/test-classes:target/classes:target/dependency/* sc.fiji.convnet.bench.RescaledValEvaluation \
 *   [--model nuclei | --network FILE.net [--trained-diameter 17.6]] [--scales 0.25,0.5,1,2,4] [--views 4] [--diameter 0] [--limit N] [--data DIR,DIR] [--verbose true]
 *   [--threshold P --seed P --min-score P --distance-prominence P]   (decoding thresholds other than the defaults)
 *   [--conditions none,shading,background,haze,defocus,shot]   (as another microscope records them: {@link MicroscopeConditions})
 * </pre>
 * {@code --diameter 0} is the automatic size; {@code --diameter true} segments each image at its true median size.
 */
public final class RescaledValEvaluation {

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		String model = o.getOrDefault("model", "nuclei");
		int views = Integer.parseInt(o.getOrDefault("views", "4")), limit = Integer.parseInt(o.getOrDefault("limit", "1000"));
		String diameter = o.getOrDefault("diameter", "0");
		List<Double> scales = new ArrayList<>();
		for (String s : o.getOrDefault("scales", "0.25,0.5,1,2,4").split(",")) scales.add(Double.parseDouble(s));
		SegmentationModel m = o.containsKey("network")
				? sc.fiji.convnet.segment.train.NucleiTraining.engineModel(sc.fiji.convnet.engine.Network.load(Path.of(o.get("network"))),
						Double.parseDouble(o.getOrDefault("trained-diameter", "17.6")))
				: ConvNet.segmentationModel(model);
		if (o.containsKey("network")) model = o.get("network");
		System.out.printf(Locale.ROOT, "model %s, views %d, diameter %s, load %.2f%n", model, views, diameter, loadAverage());
		for (String root : o.getOrDefault("data", "../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train").split(",")) {
			List<NucleiSample> val = NucleiDataset.load(Path.of(root), "val");
			int skip = Integer.parseInt(o.getOrDefault("skip", "0"));
			val = val.subList(Math.min(skip, val.size()), Math.min(val.size(), skip + limit));
			for (String condition : o.getOrDefault("conditions", "none").split(","))
			for (double scale : scales) {
				SegmentationMetrics metrics = new SegmentationMetrics(0.5);
				long start = System.nanoTime();
				int objects = 0, truth = 0;
				double logRatio = 0;
				int found = 0;
				for (NucleiSample v : val) {
					NucleiSample r = rescale(MicroscopeConditions.apply(condition, v), scale);
					double d = diameter.equals("true") ? r.medianDiameter() : Double.parseDouble(diameter);
					NucleiSegmenter.Builder b = NucleiSegmenter.builder(m).views(views).diameter(d);
					if (o.containsKey("threshold")) b.threshold(Double.parseDouble(o.get("threshold")));
					if (o.containsKey("seed")) b.seedThreshold(Double.parseDouble(o.get("seed")));
					if (o.containsKey("min-score")) b.minScore(Double.parseDouble(o.get("min-score")));
					if (o.containsKey("distance-prominence")) b.distanceProminence(Double.parseDouble(o.get("distance-prominence")));
					NucleiSegmenter seg = b.build();
					SegmentationResult res = seg.segment(r.pixels(), r.width(), r.height(), Progress.NONE);
					metrics.add(r.labels(), res.labels());
					objects += res.labels().count();
					truth += r.labels().count();
					if (o.containsKey("verbose")) {
						SegmentationMetrics one = new SegmentationMetrics(0.5);
						one.add(r.labels(), res.labels());
						System.out.printf(Locale.ROOT, "  %s %dx%d true d %.1f found d %.1f AP@0.5 %.3f objects %d / %d%n", v.id(), r.width(), r.height(),
								r.medianDiameter(), res.diameter(), one.averagePrecision(0), res.labels().count(), r.labels().count());
					}
					if (res.diameter() > 0 && r.medianDiameter() > 0) { logRatio += Math.abs(Math.log(res.diameter() / r.medianDiameter())); found++; }
				}
				System.out.printf(Locale.ROOT, "%-28s %s x%-5.2f AP@0.5 %.4f  objects %6d / truth %6d  |log(found/true d)| %.3f (%d)  %.1f s%n",
						Path.of(root).getFileName(), condition.equals("none") ? "" : condition, scale, metrics.averagePrecision(0), objects, truth, found > 0 ? logRatio / found : 0, found,
						(System.nanoTime() - start) / 1e9);
			}
		}
		m.close();
	}

	private static double loadAverage() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	static NucleiSample rescale(NucleiSample v, double scale) {
		if (scale == 1) return v;
		int w = Math.max(1, (int) Math.round(v.width() * scale)), h = Math.max(1, (int) Math.round(v.height() * scale));
		FloatProcessor fp = new FloatProcessor(v.width(), v.height(), v.pixels().clone());
		fp.setInterpolationMethod(ImageProcessor.BILINEAR);
		float[] pixels = (float[]) fp.resize(w, h, scale < 1).getPixels();
		int[] labels = new int[w * h], src = v.labels().labels();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int sx = Math.min(v.width() - 1, (int) ((x + 0.5) / scale)), sy = Math.min(v.height() - 1, (int) ((y + 0.5) / scale));
				labels[y * w + x] = src[sy * v.width() + sx];
			}
		LabelImage l = new LabelImage(w, h, labels, 0).relabelConsecutive();
		return new NucleiSample(v.id(), w, h, pixels, l);
	}
}
