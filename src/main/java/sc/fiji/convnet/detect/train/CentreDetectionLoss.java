package sc.fiji.convnet.detect.train;

import sc.fiji.convnet.detect.CentreLayout;
import sc.fiji.convnet.engine.loss.CentreFocalLoss;
import sc.fiji.convnet.engine.loss.GiouLoss;
import sc.fiji.convnet.engine.loss.Loss;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The centre detector's loss: the {@link CentreFocalLoss} of the class heat maps (normalised by the number
 * of objects) plus {@code boxWeight} × the {@link GiouLoss} of the boxes at the cells that regress one
 * (weighted per {@link CentreTargets}, so each object counts once). The prediction has the
 * {@link CentreLayout}'s C + 4 channels, the target the C + 5 of {@link CentreTargets}.
 */
public final class CentreDetectionLoss implements Loss {

	private final CentreLayout layout;
	private final double boxWeight;
	private final CentreFocalLoss focal = new CentreFocalLoss();
	private final GiouLoss giou = new GiouLoss();
	private double lastFocal, lastBox;
	private Tensor grad;

	public CentreDetectionLoss(CentreLayout layout, double boxWeight) {
		this.layout = layout;
		this.boxWeight = boxWeight;
	}

	@Override public String name() { return "CentreDetectionLoss"; }

	/** The two parts of the last {@link #forward}: heat-map focal loss and box GIoU loss (unweighted). */
	public double lastFocal() { return lastFocal; }
	public double lastBox() { return lastBox; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		prediction.requireRank(4);
		int classes = layout.classes().size();
		if (prediction.c() != layout.channels() || target.rank() != 4 || target.c() != CentreTargets.channels(layout) || target.n() != prediction.n()
				|| target.h() != prediction.h() || target.w() != prediction.w())
			throw new IllegalArgumentException(name() + ": prediction " + prediction.shapeString() + " needs " + layout.channels()
					+ " channels and target " + target.shapeString() + " " + CentreTargets.channels(layout) + ", same N, H, W");
		int n = prediction.n(), h = prediction.h(), w = prediction.w();
		lastFocal = focal.forward(channels(prediction, 0, classes), channels(target, 0, classes));
		lastBox = giou.forward(channels(prediction, classes, 4), channels(target, classes, 5));
		float[] g = new float[prediction.size()], gf = focal.gradient().data(), gb = giou.gradient().data();
		int plane = h * w, ch = layout.channels();
		for (int b = 0; b < n; b++) {
			System.arraycopy(gf, b * classes * plane, g, b * ch * plane, classes * plane);
			for (int i = 0; i < 4 * plane; i++) g[(b * ch + classes) * plane + i] = (float) (boxWeight * gb[b * 4 * plane + i]);
		}
		grad = new Tensor(g, prediction.shape());
		return lastFocal + boxWeight * lastBox;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}

	/** Channels [from, from + count) of an N×C×H×W tensor, copied. */
	static Tensor channels(Tensor t, int from, int count) {
		int n = t.n(), c = t.c(), plane = t.h() * t.w();
		float[] out = new float[n * count * plane];
		for (int b = 0; b < n; b++) System.arraycopy(t.data(), (b * c + from) * plane, out, b * count * plane, count * plane);
		return new Tensor(out, n, count, t.h(), t.w());
	}
}
