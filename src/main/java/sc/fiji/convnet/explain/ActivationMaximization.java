package sc.fiji.convnet.explain;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Activation maximization with the regularizers of Yosinski et al. (2015): gradient ascent on the image for
 * a class's pre-activation (the score before the softmax) minus λ‖x‖² (L2 decay), with a Gaussian blur of the
 * image every few steps and the pixels of smallest magnitude set to zero (pixel clipping).
 */
public final class ActivationMaximization {

	private final Network net;
	private int classIndex, iterations = 200, blurEvery = 4;
	private double learningRate = 0.1, l2 = 0.01, blurSigma = 0.5, clipPercentile = 0.1, initScale = 0.01;
	private long seed = 1;
	private Progress progress = Progress.NONE;

	private ActivationMaximization(Network net) { this.net = net; }

	public static ActivationMaximization of(Network net) { return new ActivationMaximization(net); }

	public ActivationMaximization classIndex(int c) { classIndex = c; return this; }
	public ActivationMaximization iterations(int n) { iterations = n; return this; }
	public ActivationMaximization learningRate(double eta) { learningRate = eta; return this; }
	/** λ of the L2 penalty λ‖x‖². */
	public ActivationMaximization l2(double lambda) { l2 = lambda; return this; }
	/** Blur with σ every {@code every} steps (σ = 0 or every = 0: never). */
	public ActivationMaximization blur(int every, double sigma) { blurEvery = every; blurSigma = sigma; return this; }
	/** The fraction of pixels, those of smallest magnitude, set to zero after each step. */
	public ActivationMaximization clipSmallPixels(double fraction) {
		if (!(fraction >= 0 && fraction < 1)) throw new IllegalArgumentException("ActivationMaximization: the fraction of clipped pixels must be in [0, 1), got " + fraction);
		clipPercentile = fraction;
		return this;
	}
	public ActivationMaximization seed(long s) { seed = s; return this; }
	public ActivationMaximization progress(Progress p) { progress = p == null ? Progress.NONE : p; return this; }

	/** @param image the result; @param scoreBefore the class score of the starting noise; @param scoreAfter of the result */
	public record Result(Tensor image, double scoreBefore, double scoreAfter, float[] scores) {}

	/** Starts from small noise of the given size. */
	public Result maximize(int height, int width) {
		SplittableRandom r = new SplittableRandom(seed);
		Tensor x = Tensor.zeros(1, net.inputChannels(), height, width);
		for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (initScale * r.nextGaussian());
		return maximize(x);
	}

	public Result maximize(Tensor start) {
		int scoreNode = Nodes.scores(net);
		Tensor x = start.copy();
		double before = score(x, scoreNode)[classIndex];
		for (int it = 1; it <= iterations; it++) {
			if (progress.cancelled()) throw new CancelledException();
			Tensor g;
			try (NodePass pass = NodePass.run(net, x, Phase.EVAL_WITH_GRADIENTS)) {
				Tensor out = pass.value(scoreNode);
				ClassScores.checkClass(classIndex, ClassScores.of(out, 0).length, "ActivationMaximization");
				Tensor seedGrad = Tensor.zeros(out.shape());
				seedGrad.data()[classIndex] = 1;
				g = pass.inputGradient(Map.of(scoreNode, seedGrad));
			}
			float[] xv = x.data(), gv = g.data();
			for (int i = 0; i < xv.length; i++) xv[i] += (float) (learningRate * (gv[i] - 2 * l2 * xv[i]));
			if (blurEvery > 0 && blurSigma > 0 && it % blurEvery == 0) x = Blur.gaussian(x, blurSigma);
			if (clipPercentile > 0) clipSmall(x.data(), clipPercentile);
			progress.update(it, iterations);
		}
		float[] s = score(x, scoreNode);
		return new Result(x, before, s[classIndex], s);
	}

	private float[] score(Tensor x, int scoreNode) {
		try (NodePass pass = NodePass.run(net, x, Phase.INFERENCE)) {
			float[] s = ClassScores.of(pass.value(scoreNode), 0);
			ClassScores.checkClass(classIndex, s.length, "ActivationMaximization");
			return s;
		}
	}

	/** Sets to zero the values whose magnitude is below the given quantile of magnitudes. */
	static void clipSmall(float[] v, double fraction) {
		float[] mags = new float[v.length];
		for (int i = 0; i < v.length; i++) mags[i] = Math.abs(v[i]);
		Arrays.sort(mags);
		int count = (int) Math.round(fraction * v.length);
		if (count == 0) return;
		float threshold = mags[count - 1];
		for (int i = 0; i < v.length; i++) if (Math.abs(v[i]) <= threshold) v[i] = 0;
	}
}
