package sc.fiji.convnet.explain;

import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The fast gradient sign method (Goodfellow et al. 2015; Bishop eq. 10.11): x' = x + ε·sign(∇_x E), with E the
 * cross-entropy of the softmax of the class scores against a label (by default the class the network
 * predicts), optionally clipped to the image's range.
 * <pre>
 * Fgsm.Result r = Fgsm.of(net).epsilon(0.02).attack(image);
 * r.after()[r.label()] &lt; r.before()[r.label()]
 * </pre>
 */
public final class Fgsm {

	private final Network net;
	private double epsilon = 0.01;
	private int label = -1;
	private double min = Double.NEGATIVE_INFINITY, max = Double.POSITIVE_INFINITY;

	private Fgsm(Network net) { this.net = net; }

	public static Fgsm of(Network net) { return new Fgsm(net); }

	public Fgsm epsilon(double e) {
		if (!(e >= 0) || Double.isInfinite(e)) throw new IllegalArgumentException("Fgsm: ε must be finite and ≥ 0, got " + e);
		epsilon = e;
		return this;
	}

	/** The true class whose loss is increased; −1 for the predicted class. */
	public Fgsm label(int c) { label = c; return this; }

	/** Clips the adversarial image to [min, max] (e.g. 0 and 1 for images in that range). */
	public Fgsm clip(double min, double max) {
		if (!(min < max)) throw new IllegalArgumentException("Fgsm: clip range [" + min + ", " + max + "] is empty");
		this.min = min;
		this.max = max;
		return this;
	}

	/**
	 * @param adversarial  x'
	 * @param perturbation x' − x
	 * @param before       class probabilities of x
	 * @param after        class probabilities of x'
	 * @param lossBefore   −ln p_label(x)
	 * @param lossAfter    −ln p_label(x')
	 */
	public record Result(Tensor adversarial, Tensor perturbation, int label, double[] before, double[] after, double lossBefore, double lossAfter) {
		public int predictedBefore() { return argmax(before); }
		public int predictedAfter() { return argmax(after); }
		private static int argmax(double[] p) {
			int b = 0;
			for (int i = 1; i < p.length; i++) if (p[i] > p[b]) b = i;
			return b;
		}
	}

	/** ∇_x E for one image, the class it is taken for, and the probabilities of the image. */
	record LossGradient(Tensor gradient, int label, double[] probabilities) {}

	/** ∇_x of E = −ln softmax(scores)_label; {@code label} −1: the predicted class. */
	static LossGradient lossGradient(Network net, Tensor image, int label) {
		int scoreNode = Nodes.scores(net);
		try (NodePass pass = NodePass.run(net, image, Phase.EVAL_WITH_GRADIENTS)) {
			float[] s = ClassScores.of(pass.value(scoreNode), 0);
			double[] p = ClassScores.softmax(s);
			int c = label < 0 ? ClassScores.argmax(s) : label;
			ClassScores.checkClass(c, s.length, "Fgsm");
			Tensor seed = Tensor.zeros(pass.value(scoreNode).shape());
			for (int k = 0; k < p.length; k++) seed.data()[k] = (float) (p[k] - (k == c ? 1 : 0)); // ∂E/∂scores
			return new LossGradient(pass.inputGradient(Map.of(scoreNode, seed)), c, p);
		}
	}

	public Result attack(Tensor image) {
		if (image.rank() != 4 || image.dim(0) != 1) throw new IllegalArgumentException("Fgsm: expects one image 1×C×H×W, got " + image.shapeString());
		LossGradient lg = lossGradient(net, image, label);
		double[] before = lg.probabilities();
		int c = lg.label();
		Tensor adv = image.copy();
		float[] x = adv.data(), d = lg.gradient().data();
		for (int i = 0; i < x.length; i++) {
			double v = x[i] + epsilon * Math.signum(d[i]);
			x[i] = (float) Math.min(max, Math.max(min, v));
		}
		Tensor delta = Tensor.zeros(image.shape());
		for (int i = 0; i < x.length; i++) delta.data()[i] = x[i] - image.data()[i];
		double[] after = probabilitiesOfScores(adv);
		return new Result(adv, delta, c, before, after, -Math.log(before[c]), -Math.log(after[c]));
	}

	private double[] probabilitiesOfScores(Tensor x) {
		try (NodePass pass = NodePass.run(net, x, Phase.INFERENCE)) {
			return ClassScores.softmax(ClassScores.of(pass.value(Nodes.scores(net)), 0));
		}
	}
}
