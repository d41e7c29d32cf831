package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A fully convolutional detector as a whole: the image is resized by {@code inputScale} (the scale it was
 * trained at) times each requested scale (Bishop 10.4.4: the same network on rescaled copies finds objects
 * of other sizes), normalised, run through the network in one fully convolutional pass (10.4.3), decoded
 * cell by cell (see {@link CellDecoder}: {@link GridDecoder} or {@link CentreDecoder}) and mapped back to the original pixel coordinates; the boxes of all scales
 * then go through one non-max suppression (10.4.5).
 */
public final class GridDetector {

	private final Predictor predictor;
	private final CellDecoder decoder;
	private final double inputScale;

	public GridDetector(Predictor predictor, GridLayout layout, double inputScale) {
		this(predictor, new GridDecoder(layout), inputScale);
	}

	public GridDetector(Predictor predictor, CellDecoder decoder, double inputScale) {
		if (!(inputScale > 0)) throw new IllegalArgumentException("GridDetector: input scale must be positive, got " + inputScale);
		this.predictor = predictor;
		this.decoder = decoder;
		this.inputScale = inputScale;
	}

	public CellDecoder decoder() { return decoder; }
	public double inputScale() { return inputScale; }

	/**
	 * Boxes in the image's pixels after suppression; {@code scales} multiply the training input scale (1 = as trained),
	 * {@code views} as {@link DetectionSettings#views()}.
	 */
	public List<Box> detect(RgbImage image, double[] scales, int views, double minScore, NonMaxSuppression nms) {
		return detect(image, scales, views, minScore, nms, Progress.NONE);
	}

	/**
	 * The same with progress: the step "predicting" with one rising fraction over the scales (finer where the
	 * predictor reports tiles or views), Esc checked before each scale, then "suppressing overlaps".
	 */
	public List<Box> detect(RgbImage image, double[] scales, int views, double minScore, NonMaxSuppression nms, Progress progress) {
		if (scales.length == 0) throw new IllegalArgumentException("GridDetector: no scales");
		progress.stage("predicting");
		int runs = scales.length * views;
		ScoreVoting.Passes passes = new ScoreVoting.Passes(runs, minScore, nms);
		for (int i = 0; i < runs; i++) {
			if (progress.cancelled()) throw new CancelledException();
			int v = i % views;
			passes.add(detectAtScale(image, scales[i / views], DetectionSettings.mirroredHorizontally(v), DetectionSettings.mirroredVertically(v),
					passes.threshold(), Progress.within(progress, i, runs)));
		}
		progress.stage("suppressing overlaps");
		return passes.result();
	}

	/** Boxes at one scale, mapped back to the image's pixels, before suppression. */
	public List<Box> detectAtScale(RgbImage image, double scale, double minScore) {
		return detectAtScale(image, scale, false, false, minScore, Progress.NONE);
	}

	/** The same on the image mirrored as asked, the boxes mirrored back. */
	private List<Box> detectAtScale(RgbImage image, double scale, boolean mirrorX, boolean mirrorY, double minScore, Progress progress) {
		if (!(scale > 0)) throw new IllegalArgumentException("GridDetector: scale must be positive, got " + scale);
		int stride = decoder.stride();
		int w = Math.max(stride, (int) Math.round(image.width() * inputScale * scale));
		int h = Math.max(stride, (int) Math.round(image.height() * inputScale * scale));
		RgbImage resized = image.resized(w, h).flipped(mirrorX, mirrorY);
		Tensor out = predictor.predict(resized.toInput(Math.max(stride, predictor.sizeMultiple())), progress);
		double fx = image.width() / (double) w, fy = image.height() / (double) h;
		List<Box> boxes = new ArrayList<>();
		for (Box b : decoder.decode(out, 0, minScore)) {
			Box m = b.flipped(mirrorX, mirrorY, w, h).mapped(fx, fy, 0, 0).clipped(image.width(), image.height());
			if (m.width() > 0 && m.height() > 0) boxes.add(m);
		}
		return boxes;
	}
}
