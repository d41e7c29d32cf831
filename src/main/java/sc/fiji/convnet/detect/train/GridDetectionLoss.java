package sc.fiji.convnet.detect.train;

import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.engine.loss.Logistic;
import sc.fiji.convnet.engine.loss.Loss;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The grid detector's loss, summed over cells and averaged over the batch: binary cross-entropy of the
 * objectness logit at every cell (cells without an object weighted by {@code noObjectWeight}), and at
 * the cells that hold an object centre the softmax cross-entropy of the class logits plus
 * {@code boxWeight} × ½ sum of squares of the four box values (Bishop 10.4.3). The target has the
 * output's layout (see {@link GridTargets}).
 */
public final class GridDetectionLoss implements Loss {

	private final GridLayout layout;
	private final double noObjectWeight, boxWeight;
	private Tensor grad;

	public GridDetectionLoss(GridLayout layout, double noObjectWeight, double boxWeight) {
		this.layout = layout;
		this.noObjectWeight = noObjectWeight;
		this.boxWeight = boxWeight;
	}

	@Override public String name() { return "GridDetectionLoss"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		prediction.requireRank(4);
		if (prediction.c() != layout.channels() || prediction.size() != target.size())
			throw new IllegalArgumentException(name() + ": prediction " + prediction.shapeString() + " and target " + target.shapeString()
					+ " must both have " + layout.channels() + " channels");
		int n = prediction.n(), ch = layout.channels(), plane = prediction.h() * prediction.w(), classes = layout.classes().size();
		float[] y = prediction.data(), t = target.data(), g = new float[y.length];
		double loss = 0;
		double[] p = new double[classes];
		for (int b = 0; b < n; b++) {
			int base = b * ch * plane, box = base + layout.boxChannel() * plane;
			for (int cell = 0; cell < plane; cell++) {
				double x = y[base + cell], obj = t[base + cell];
				double w = obj > 0.5 ? 1 : noObjectWeight;
				loss += w * (Math.max(x, 0) - x * obj + Math.log1p(Math.exp(-Math.abs(x))));
				g[base + cell] = (float) (w * (Logistic.sigmoid(x) - obj) / n);
				if (obj <= 0.5) continue;
				double max = Double.NEGATIVE_INFINITY;
				for (int c = 0; c < classes; c++) max = Math.max(max, p[c] = y[base + (1 + c) * plane + cell]);
				double sum = 0;
				for (int c = 0; c < classes; c++) sum += p[c] = Math.exp(p[c] - max);
				for (int c = 0; c < classes; c++) {
					int k = base + (1 + c) * plane + cell;
					double q = p[c] / sum;
					if (t[k] > 0.5) loss -= Math.log(Math.max(q, 1e-12));
					g[k] = (float) ((q - t[k]) / n);
				}
				for (int v = 0; v < 4; v++) {
					int k = box + v * plane + cell;
					double d = y[k] - t[k];
					loss += boxWeight * 0.5 * d * d;
					g[k] = (float) (boxWeight * d / n);
				}
			}
		}
		if (!Double.isFinite(loss)) throw new IllegalArgumentException(name() + ": loss is " + loss + " for prediction " + prediction.shapeString());
		grad = new Tensor(g, prediction.shape());
		return loss / n;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
