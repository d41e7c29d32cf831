package sc.fiji.convnet.explain;

import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * DeepDream (Mordvintsev et al. 2015; Bishop eq. 10.12): gradient ascent on the image for F(x) = Σ_i a_i(x)²
 * over the units of a chosen layer, so that whatever the layer sees is amplified.
 * <p>
 * Each step moves the image by η·g/mean|g| (the gradient normalised, so η is in image units), after
 * blurring the gradient with a Gaussian of σ (smoothing), and clips the image to the range of the
 * original. Octaves: the image is dreamt first at a scale of 1/scale^(octaves−1), and the details that
 * were added are up-sampled and carried to the next, larger scale.
 */
public final class DeepDream {

	private final Network net;
	private String layer;
	private int iterations = 10, octaves = 1;
	private double step = 0.01, octaveScale = 1.4, sigma = 0.5;
	private Progress progress = Progress.NONE;

	private DeepDream(Network net) { this.net = net; }

	public static DeepDream of(Network net) { return new DeepDream(net); }

	/** The layer whose activations are amplified (null: the last convolution). */
	public DeepDream layer(String name) { layer = name; return this; }
	public DeepDream iterations(int n) { iterations = check(n, "iterations"); return this; }
	public DeepDream octaves(int n) { octaves = check(n, "octaves"); return this; }
	public DeepDream octaveScale(double s) {
		if (!(s > 1)) throw new IllegalArgumentException("DeepDream: the octave scale must be > 1, got " + s);
		octaveScale = s;
		return this;
	}
	/** The step η in image units per iteration. */
	public DeepDream step(double eta) { step = eta; return this; }
	/** σ of the Gaussian that smooths the gradient (0: none). */
	public DeepDream smoothing(double sigma) { this.sigma = sigma; return this; }
	public DeepDream progress(Progress p) { progress = p == null ? Progress.NONE : p; return this; }

	private static int check(int n, String what) {
		if (n <= 0) throw new IllegalArgumentException("DeepDream: " + what + " must be positive, got " + n);
		return n;
	}

	private int node() { return layer == null ? Nodes.lastConvolution(net) : Nodes.byName(net, layer); }

	/** F(x) = Σ a² over the layer's units. */
	public double objective(Tensor image) {
		int node = node();
		try (NodePass pass = NodePass.run(net, image, Phase.INFERENCE, node)) {
			return sumOfSquares(pass.value(node));
		}
	}

	private static double sumOfSquares(Tensor a) {
		double s = 0;
		for (float v : a.data()) s += (double) v * v;
		return s;
	}

	public Tensor dream(Tensor image) {
		if (image.rank() != 4 || image.dim(0) != 1) throw new IllegalArgumentException("DeepDream: expects one image 1×C×H×W, got " + image.shapeString());
		int node = node();
		float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
		for (float v : image.data()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
		int h = image.dim(2), w = image.dim(3);
		Tensor detail = null;
		int total = iterations * octaves, done = 0;
		Tensor x = image;
		for (int o = octaves - 1; o >= 0; o--) {
			double f = Math.pow(octaveScale, o);
			int oh = Math.max(1, (int) Math.round(h / f)), ow = Math.max(1, (int) Math.round(w / f));
			Tensor base = o == 0 ? image : Resize.bilinear(image, oh, ow);
			x = base.copy();
			if (detail != null) {
				Tensor d = Resize.bilinear(detail, oh, ow);
				for (int i = 0; i < x.size(); i++) x.data()[i] += d.data()[i];
			}
			for (int it = 0; it < iterations; it++) {
				if (progress.cancelled()) throw new CancelledException();
				Tensor g;
				try (NodePass pass = NodePass.run(net, x, Phase.EVAL_WITH_GRADIENTS, node)) {
					Tensor a = pass.value(node);
					Tensor seed = Tensor.zeros(a.shape());
					for (int i = 0; i < a.size(); i++) seed.data()[i] = 2 * a.data()[i]; // ∂Σa²/∂a
					g = Blur.gaussian(pass.inputGradient(Map.of(node, seed)), sigma);
				}
				double meanAbs = 0;
				for (float v : g.data()) meanAbs += Math.abs(v);
				meanAbs /= g.size();
				if (meanAbs == 0) break; // the layer is silent: nothing to amplify
				float scale = (float) (step / meanAbs);
				float[] xv = x.data(), gv = g.data();
				for (int i = 0; i < xv.length; i++) xv[i] = Math.min(hi, Math.max(lo, xv[i] + scale * gv[i]));
				progress.update(++done, total);
			}
			detail = Tensor.zeros(x.shape());
			for (int i = 0; i < x.size(); i++) detail.data()[i] = x.data()[i] - base.data()[i];
		}
		return x;
	}
}
