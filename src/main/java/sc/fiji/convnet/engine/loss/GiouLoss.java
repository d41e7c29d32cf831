package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * The generalised-IoU box loss (Rezatofighi et al. 2019) for boxes given, at each cell, by their
 * distances to the cell's reference point: left, top, right, bottom (FCOS-style). The prediction is
 * N×4×H×W of log-distances (the distance is e^y, always positive); the target is N×5×H×W: the four true
 * distances (same unit, &gt; 0) and a weight (0 where no box is regressed). With IoU = I/U and E the
 * smallest box enclosing both, GIoU = IoU − (E − U)/E, and
 * <pre>   L = Σ w·(1 − GIoU) / Σ w      (0 when all weights are 0)</pre>
 * Unlike a squared error of the box numbers, it scores what detection is judged by (the overlap), is
 * scale-invariant, and still has a gradient when the boxes do not overlap at all.
 */
public final class GiouLoss implements Loss {

	/** Log-distances are clamped here so that e^y cannot overflow. */
	public static final double MAX_LOG = 12;

	private Tensor grad;

	@Override public String name() { return "GiouLoss"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		prediction.requireRank(4);
		if (prediction.c() != 4 || target.rank() != 4 || target.c() != 5 || target.n() != prediction.n() || target.h() != prediction.h()
				|| target.w() != prediction.w())
			throw new IllegalArgumentException(name() + ": prediction " + prediction.shapeString() + " must be N×4×H×W and target "
					+ target.shapeString() + " N×5×H×W (4 distances and a weight)");
		int n = prediction.n(), plane = prediction.h() * prediction.w();
		float[] y = prediction.data(), t = target.data(), g = new float[y.length];
		double weights = 0, sum = 0;
		double[] p = new double[4], q = new double[4], d = new double[4];
		for (int b = 0; b < n; b++)
			for (int cell = 0; cell < plane; cell++) {
				double w = t[(b * 5 + 4) * plane + cell];
				if (w <= 0) continue;
				for (int k = 0; k < 4; k++) {
					p[k] = Math.exp(Math.min(MAX_LOG, y[(b * 4 + k) * plane + cell]));
					q[k] = t[(b * 5 + k) * plane + cell];
				}
				sum += w * lossAndGradient(p, q, d);
				weights += w;
				for (int k = 0; k < 4; k++) {
					int i = (b * 4 + k) * plane + cell;
					g[i] = (float) (w * d[k] * (y[i] < MAX_LOG ? p[k] : 0)); // chain rule through e^y
				}
			}
		if (weights > 0) for (int i = 0; i < g.length; i++) g[i] /= (float) weights;
		if (Double.isNaN(sum)) throw new IllegalArgumentException(name() + ": NaN in prediction " + prediction.shapeString());
		grad = new Tensor(g, prediction.shape());
		return weights > 0 ? sum / weights : 0;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}

	/**
	 * 1 − GIoU of two boxes around the same point, given as distances (left, top, right, bottom, all
	 * &gt; 0), and its gradient with respect to the first box's distances, written into {@code grad}.
	 */
	public static double lossAndGradient(double[] p, double[] t, double[] grad) {
		double pw = p[0] + p[2], ph = p[1] + p[3], areaP = pw * ph, areaT = (t[0] + t[2]) * (t[1] + t[3]);
		double iw = Math.min(p[0], t[0]) + Math.min(p[2], t[2]), ih = Math.min(p[1], t[1]) + Math.min(p[3], t[3]);
		double inter = iw * ih, union = areaP + areaT - inter;
		double ew = Math.max(p[0], t[0]) + Math.max(p[2], t[2]), eh = Math.max(p[1], t[1]) + Math.max(p[3], t[3]), enclosing = ew * eh;
		// L = 1 − (I/U − (E − U)/E) = 2 − I/U − U/E, with U = A_p + A_t − I
		double loss = 2 - inter / union - union / enclosing;
		double dInter = -(union + inter) / (union * union) + 1 / enclosing;
		double dAreaP = inter / (union * union) - 1 / enclosing;
		double dEnclosing = union / (enclosing * enclosing);
		for (int k = 0; k < 4; k++) {
			boolean horizontal = k % 2 == 0;
			double dArea = horizontal ? ph : pw;
			double dI = p[k] < t[k] ? (horizontal ? ih : iw) : 0;
			double dE = p[k] > t[k] ? (horizontal ? eh : ew) : 0;
			grad[k] = dAreaP * dArea + dInter * dI + dEnclosing * dE;
		}
		return loss;
	}
}
