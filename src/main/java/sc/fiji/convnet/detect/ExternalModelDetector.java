package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/**
 * An ONNX detector trained elsewhere: the image is resized to the model's fixed input size (or kept at
 * its size, rounded up to a multiple), given as 1×3×H×W RGB in [0, {@code inputRange}] to the
 * description's preprocessing, and its outputs decoded by {@link ExternalDecoders}; coordinates are
 * mapped back to the image. Several scales run the model on rescaled copies when the input size is free.
 */
public final class ExternalModelDetector implements Detector {

	public enum Layout { N6, BOXES_SCORES }

	public record Config(Layout layout, List<String> classes, int inputWidth, int inputHeight, double inputRange, ExternalDecoders.BoxOrder order,
			boolean normalized, boolean backgroundFirst, String boxesOutput, String scoresOutput) {}

	private final Supplier<OnnxSession> sessions;
	private final Config c;
	private final UnaryOperator<Tensor> preprocess;
	private final String name;

	/** @param sessions the session at each call (the shared cache's, reopened if it was evicted meanwhile) */
	public ExternalModelDetector(Supplier<OnnxSession> sessions, Config config, UnaryOperator<Tensor> preprocess, String name) {
		this.sessions = sessions;
		this.c = config;
		this.preprocess = preprocess;
		this.name = name;
	}

	@Override
	public List<Box> detect(RgbImage image, DetectionSettings s) {
		return detect(image, s, sc.fiji.convnet.predict.Progress.NONE);
	}

	@Override
	public List<Box> detect(RgbImage image, DetectionSettings s, sc.fiji.convnet.predict.Progress progress) {
		double[] scales = c.inputWidth > 0 ? new double[] { 1 } : s.scales();
		progress.stage("predicting");
		int runs = scales.length * s.views();
		ScoreVoting.Passes passes = new ScoreVoting.Passes(runs, s.scoreThreshold(), s.nms());
		double passMin = passes.threshold();
		for (int k = 0; k < runs; k++) {
			if (progress.cancelled()) throw new sc.fiji.convnet.predict.CancelledException();
			if (k > 0) progress.update(k, runs);
			double scale = scales[k / s.views()];
			boolean mirrorX = DetectionSettings.mirroredHorizontally(k % s.views()), mirrorY = DetectionSettings.mirroredVertically(k % s.views());
			int w = c.inputWidth > 0 ? c.inputWidth : (int) Math.round(image.width() * scale);
			int h = c.inputHeight > 0 ? c.inputHeight : (int) Math.round(image.height() * scale);
			RgbImage resized = image.resized(w, h).flipped(mirrorX, mirrorY);
			float[] p = resized.planes().clone();
			for (int i = 0; i < p.length; i++) p[i] *= (float) c.inputRange;
			Tensor input = preprocess.apply(new Tensor(p, 1, 3, h, w));
			OnnxSession session = sessions.get();
			Map<String, Tensor> in = new LinkedHashMap<>();
			in.put(session.inputs().get(0).name(), input);
			Map<String, Tensor> out = session.run(in);
			List<Box> boxes;
			if (c.layout == Layout.N6) {
				boxes = ExternalDecoders.n6(out.values().iterator().next(), c.classes, passMin);
			} else {
				Tensor b = pick(out, c.boxesOutput, 0), sc = pick(out, c.scoresOutput, 1);
				boxes = ExternalDecoders.boxesAndScores(b, sc, c.order, c.classes, c.backgroundFirst, passMin, c.normalized ? w : 0,
						c.normalized ? h : 0);
			}
			double fx = image.width() / (double) w, fy = image.height() / (double) h;
			List<Box> pass = new ArrayList<>();
			for (Box b : boxes) {
				Box m = b.flipped(mirrorX, mirrorY, w, h).mapped(fx, fy, 0, 0).clipped(image.width(), image.height());
				if (m.area() > 0) pass.add(m);
			}
			passes.add(pass);
		}
		progress.update(runs, runs);
		progress.stage("suppressing overlaps");
		return passes.result();
	}

	private Tensor pick(Map<String, Tensor> out, String name, int fallbackIndex) {
		if (name != null && !name.isBlank()) {
			Tensor t = out.get(name);
			if (t == null) throw new IllegalArgumentException(name + ": the model has no output '" + name + "', only " + out.keySet());
			return t;
		}
		if (out.size() <= fallbackIndex) throw new IllegalArgumentException(this.name + ": boxes and scores need two outputs, the model has " + out.keySet());
		return new ArrayList<>(out.values()).get(fallbackIndex);
	}

	@Override public List<String> classes() { return c.classes; }

	@Override public String describe() { return name + " (external ONNX detector, " + c.layout.name().toLowerCase() + " outputs)"; }
}
