package sc.fiji.convnet.explain.train;

import sc.fiji.convnet.engine.loss.BinaryCrossEntropyWithLogits;
import sc.fiji.convnet.engine.loss.Loss;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Softmax cross-entropy plus {@code weight} × the one-vs-rest binary cross-entropy of every class (summed over
 * classes, averaged over samples), for N×K logits and N integer labels.
 * <p>
 * Why: with global average pooling a class logit is the mean of its class activation map, and softmax only
 * asks the true class to beat the others. The one-vs-rest term also asks every other class's logit to be
 * low in absolute terms, so the WBC map cannot stay high on platelets, which share its purple stain; that is
 * what Grad-CAM's maximum on a whole smear needs.
 */
public final class SoftmaxAndOneVsRestLoss implements Loss {

	private final double weight;
	private final SoftmaxCrossEntropy softmax = new SoftmaxCrossEntropy();
	private final BinaryCrossEntropyWithLogits binary = new BinaryCrossEntropyWithLogits();
	private Tensor grad;

	public SoftmaxAndOneVsRestLoss(double weight) {
		if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("SoftmaxAndOneVsRestLoss: weight must be finite and ≥ 0, got " + weight);
		this.weight = weight;
	}

	@Override public String name() { return "SoftmaxAndOneVsRest"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		if (prediction.rank() != 2 || target.size() != prediction.dim(0))
			throw new IllegalArgumentException("SoftmaxAndOneVsRestLoss: expects N×K logits and N labels, got " + prediction.shapeString() + " and " + target.shapeString());
		int n = prediction.dim(0), k = prediction.dim(1);
		double loss = softmax.forward(prediction, target);
		float[] g = softmax.gradient().data().clone();
		if (weight > 0) {
			Tensor oneHot = Tensor.zeros(n, k);
			for (int i = 0; i < n; i++) {
				int c = (int) target.data()[i];
				if (c < 0 || c >= k) throw new IllegalArgumentException("SoftmaxAndOneVsRestLoss: label " + target.data()[i] + " of sample " + i + " is not in 0.." + (k - 1));
				oneHot.data()[i * k + c] = 1;
			}
			double scale = weight * k; // the binary loss is a mean over N·K values: ×K sums it over classes
			loss += scale * binary.forward(prediction, oneHot);
			float[] b = binary.gradient().data();
			for (int i = 0; i < g.length; i++) g[i] += (float) (scale * b[i]);
		}
		grad = new Tensor(g, prediction.shape());
		return loss;
	}

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException("SoftmaxAndOneVsRestLoss: gradient() before forward()");
		return grad;
	}
}
