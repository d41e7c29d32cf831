package sc.fiji.convnet.explain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Neural style transfer (Gatys et al. 2016; Bishop eqs. 10.13–10.17). With F^l the C_l × M_l matrix of a layer's
 * feature maps (M_l = H·W positions) for the image x, P^l those of the content image and A^l the Gram matrix
 * of the style image:
 * <ul>
 * <li>content loss on one layer: E_C = ½ Σ (F − P)²;</li>
 * <li>Gram matrix G^l = F^l F^lᵀ (C_l × C_l) and per style layer E_l = Σ (G^l / M_l − A^l / M'_l)² / (4 C_l²), M'_l
 * being the style image's positions: Gatys' Σ (G − A)² / (4 C² M²) when the two images have one size, and a style
 * image of another size (the usual case) compared per position rather than by its pixel count;</li>
 * <li>smoothness E_TV = Σ (x_{i,j+1} − x_{i,j})² + (x_{i+1,j} − x_{i,j})² over neighbouring pixels of each channel
 * (squared total variation), which keeps the optimisation from filling the image with pixel noise that
 * the shallow layers' Gram matrices cannot see;</li>
 * <li>total loss E = α·E_C + β·Σ_l λ_l E_l + γ·E_TV, minimised over the image by Adam, each pixel kept within the
 * range of the two images' values.</li>
 * </ul>
 * The image starts from the content image in the style image's colours ({@link #recoloured}) or from noise. Any network the engine runs gives the features;
 * deeper layers carry more of the content, shallower ones the texture.
 */
public final class StyleTransfer {

	private final Network net;
	private String contentLayer;
	private final Map<String, Double> styleLayers = new LinkedHashMap<>();
	/**
	 * The defaults of every front end (dialogs, macro keys, Jython examples read them from here), chosen by eye with the
	 * shipped bccd-classifier (README picture): the earlier β 1000, learning rate 0.05 and no smoothness gave pixel noise.
	 */
	public static final double DEFAULT_ALPHA = 1, DEFAULT_BETA = 1e5, DEFAULT_SMOOTHNESS = 10, DEFAULT_LEARNING_RATE = 0.02;
	public static final int DEFAULT_ITERATIONS = 200;

	private double alpha = DEFAULT_ALPHA, beta = DEFAULT_BETA, gamma = DEFAULT_SMOOTHNESS, learningRate = DEFAULT_LEARNING_RATE;
	private int iterations = DEFAULT_ITERATIONS;
	private boolean fromNoise;
	private long seed = 1;
	private Progress progress = Progress.NONE;

	private StyleTransfer(Network net) { this.net = net; }

	public static StyleTransfer of(Network net) { return new StyleTransfer(net); }

	public StyleTransfer contentLayer(String name) { contentLayer = name; return this; }
	/** A style layer with its weight λ_l. */
	public StyleTransfer styleLayer(String name, double lambda) { styleLayers.put(name, lambda); return this; }
	/** α (content) and β (style). */
	public StyleTransfer weights(double alpha, double beta) { this.alpha = alpha; this.beta = beta; return this; }
	/** γ, the weight of the smoothness term (0: none). */
	public StyleTransfer smoothness(double gamma) { this.gamma = gamma; return this; }
	public StyleTransfer iterations(int n) { iterations = n; return this; }
	public StyleTransfer learningRate(double eta) { learningRate = eta; return this; }
	/** Start from Gaussian noise (σ = the content image's standard deviation) instead of the content image. */
	public StyleTransfer fromNoise(long seed) { fromNoise = true; this.seed = seed; return this; }
	public StyleTransfer progress(Progress p) { progress = p == null ? Progress.NONE : p; return this; }

	/** The total loss, its parts and ∂E/∂x for an image. */
	public record Evaluation(double loss, double content, double style, double smoothness, Tensor gradient) {}

	/** @param losses the total loss before each step and, last, of the result */
	public record Result(Tensor image, double[] losses, Evaluation last) {}

	/** The targets: P (content features) and A^l (style Gram matrices). */
	public final class Targets {
		private final Tensor content;
		private final Map<Integer, double[]> grams = new HashMap<>();
		private final Map<Integer, Double> lambdas = new HashMap<>();
		private final int contentNode, deepest;

		private Targets(Tensor contentImage, Tensor styleImage) {
			if (contentLayer == null || styleLayers.isEmpty()) throw new IllegalStateException("StyleTransfer: set a content layer and at least one style layer (layers: " + Nodes.names(net) + ")");
			contentNode = Nodes.byName(net, contentLayer);
			int deepest = contentNode;
			for (String l : styleLayers.keySet()) deepest = Math.max(deepest, Nodes.byName(net, l));
			this.deepest = deepest;
			try (NodePass pass = NodePass.run(net, contentImage, Phase.INFERENCE, deepest)) {
				content = features(pass, contentNode).copy();
			}
			try (NodePass pass = NodePass.run(net, styleImage, Phase.INFERENCE, deepest)) {
				for (Map.Entry<String, Double> e : styleLayers.entrySet()) {
					int node = Nodes.byName(net, e.getKey());
					Tensor f = features(pass, node);
					grams.put(node, perPosition(gram(f), f.dim(2) * f.dim(3)));
					lambdas.merge(node, e.getValue(), Double::sum);
				}
			}
		}

		/** E(x) and ∂E/∂x. */
		public Evaluation evaluate(Tensor x) {
			try (NodePass pass = NodePass.run(net, x, Phase.EVAL_WITH_GRADIENTS, deepest)) {
				Map<Integer, Tensor> seeds = new HashMap<>();
				Tensor f = features(pass, contentNode);
				float[] fv = f.data(), pv = content.data();
				Tensor gc = Tensor.zeros(f.shape());
				double ec = 0;
				for (int i = 0; i < fv.length; i++) {
					double d = fv[i] - pv[i];
					ec += 0.5 * d * d;
					gc.data()[i] = (float) (alpha * d);
				}
				seeds.put(contentNode, gc);
				double es = 0;
				for (Map.Entry<Integer, double[]> e : grams.entrySet()) {
					int node = e.getKey();
					Tensor fl = features(pass, node);
					int c = fl.dim(1), m = fl.dim(2) * fl.dim(3);
					double[] g = perPosition(gram(fl), m), a = e.getValue();
					double norm = 4.0 * c * c, el = 0;
					double[] diff = new double[c * c];
					for (int i = 0; i < c * c; i++) {
						diff[i] = g[i] - a[i];
						el += diff[i] * diff[i];
					}
					el /= norm;
					double lambda = lambdas.get(node);
					es += lambda * el;
					// ∂E_l/∂F = (G/M − A/M')·F / (C² M), the difference being symmetric
					Tensor gs = Tensor.zeros(fl.shape());
					float[] fd = fl.data();
					double scale = beta * lambda / ((double) c * c * m);
					for (int i = 0; i < c; i++)
						for (int k = 0; k < m; k++) {
							double s = 0;
							for (int j = 0; j < c; j++) s += diff[i * c + j] * fd[j * m + k];
							gs.data()[i * m + k] = (float) (scale * s);
						}
					seeds.merge(node, gs, StyleTransfer::sum);
				}
				Tensor grad = pass.inputGradient(seeds);
				double tv = gamma > 0 ? smoothness(x, grad, gamma) : 0;
				return new Evaluation(alpha * ec + beta * es + gamma * tv, ec, es, tv, grad);
			}
		}
	}

	public Targets targets(Tensor contentImage, Tensor styleImage) { return new Targets(contentImage, styleImage); }

	public Result transfer(Tensor contentImage, Tensor styleImage) {
		if (contentImage.rank() != 4 || contentImage.dim(0) != 1 || styleImage.rank() != 4 || styleImage.dim(0) != 1)
			throw new IllegalArgumentException("StyleTransfer: expects single images 1×C×H×W, got content " + contentImage.shapeString() + " and style " + styleImage.shapeString());
		Targets targets = targets(contentImage, styleImage);
		Parameter image = new Parameter("image", Initializer.uniform(0), true, contentImage.shape());
		image.set(start(contentImage, styleImage));
		Adam adam = new Adam(List.of(image), learningRate);
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		for (Tensor t : new Tensor[] { contentImage, styleImage }) for (float v : t.data()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
		double[] losses = new double[iterations + 1];
		for (int it = 0; it < iterations; it++) {
			if (progress.cancelled()) throw new CancelledException();
			Evaluation e = targets.evaluate(image.value());
			losses[it] = e.loss();
			System.arraycopy(e.gradient().data(), 0, image.grad().data(), 0, e.gradient().size());
			adam.step();
			float[] x = image.value().data();
			for (int i = 0; i < x.length; i++) x[i] = Math.max(lo, Math.min(hi, x[i]));
			progress.update(it + 1, iterations);
		}
		Evaluation last = targets.evaluate(image.value());
		losses[iterations] = last.loss();
		return new Result(image.value().copy(), losses, last);
	}

	private float[] start(Tensor content, Tensor style) {
		float[] c = content.data();
		if (!fromNoise) return recoloured(content, style);
		double mean = 0, sq = 0;
		for (float v : c) { mean += v; sq += (double) v * v; }
		mean /= c.length;
		double sd = Math.sqrt(Math.max(1e-12, sq / c.length - mean * mean));
		SplittableRandom r = new SplittableRandom(seed);
		float[] x = new float[c.length];
		for (int i = 0; i < x.length; i++) x[i] = (float) (mean + sd * r.nextGaussian());
		return x;
	}

	/**
	 * The content image with each channel's mean and spread set to those of the style image's channel: the colours
	 * come from the style from the start, and the optimisation adds its texture. (Left to the Gram matrices alone, a
	 * small network's colours drift to ones neither image has, such as a green background under pink nuclei.)
	 */
	static float[] recoloured(Tensor content, Tensor style) {
		int channels = content.dim(1), plane = content.dim(2) * content.dim(3), stylePlane = style.dim(2) * style.dim(3);
		if (style.dim(1) != channels) return content.data().clone();
		float[] out = new float[content.size()];
		for (int c = 0; c < channels; c++) {
			double[] cs = meanAndSd(content.data(), c * plane, plane), ss = meanAndSd(style.data(), c * stylePlane, stylePlane);
			double gain = cs[1] > 1e-12 ? ss[1] / cs[1] : 0;
			for (int i = c * plane; i < (c + 1) * plane; i++) out[i] = (float) (ss[0] + gain * (content.data()[i] - cs[0]));
		}
		return out;
	}

	private static double[] meanAndSd(float[] v, int offset, int n) {
		double mean = 0, sq = 0;
		for (int i = offset; i < offset + n; i++) { mean += v[i]; sq += (double) v[i] * v[i]; }
		mean /= n;
		return new double[] { mean, Math.sqrt(Math.max(0, sq / n - mean * mean)) };
	}

	/** E_TV of x (N×C×H×W); adds γ·∂E_TV/∂x to {@code grad}. */
	static double smoothness(Tensor x, Tensor grad, double gamma) {
		int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3);
		float[] v = x.data(), g = grad.data();
		double e = 0;
		for (int p = 0; p < planes; p++)
			for (int y = 0; y < h; y++)
				for (int i = p * h * w + y * w, end = i + w; i < end; i++) {
					if (i + 1 < end) {
						double d = v[i + 1] - v[i];
						e += d * d;
						g[i + 1] += (float) (2 * gamma * d);
						g[i] -= (float) (2 * gamma * d);
					}
					if (y + 1 < h) {
						double d = v[i + w] - v[i];
						e += d * d;
						g[i + w] += (float) (2 * gamma * d);
						g[i] -= (float) (2 * gamma * d);
					}
				}
		return e;
	}

	private Tensor features(NodePass pass, int node) {
		Tensor f = pass.value(node);
		if (f.rank() != 4) throw new IllegalArgumentException("StyleTransfer: layer '" + pass.nameOf(node) + "' gives " + f.shapeString() + ", not feature maps N×C×H×W");
		return f;
	}

	/** G = F Fᵀ of the C × (H·W) feature matrix, in double. */
	static double[] gram(Tensor f) {
		int c = f.dim(1), m = f.dim(2) * f.dim(3);
		float[] d = f.data();
		double[] g = new double[c * c];
		for (int i = 0; i < c; i++)
			for (int j = i; j < c; j++) {
				double s = 0;
				for (int k = 0; k < m; k++) s += (double) d[i * m + k] * d[j * m + k];
				g[i * c + j] = g[j * c + i] = s;
			}
		return g;
	}

	private static double[] perPosition(double[] gram, int positions) {
		for (int i = 0; i < gram.length; i++) gram[i] /= positions;
		return gram;
	}

	private static Tensor sum(Tensor a, Tensor b) {
		float[] s = new float[a.size()];
		for (int i = 0; i < s.length; i++) s[i] = a.data()[i] + b.data()[i];
		return new Tensor(s, a.shape());
	}
}
