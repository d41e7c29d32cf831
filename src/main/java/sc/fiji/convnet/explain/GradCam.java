package sc.fiji.convnet.explain;

import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Grad-CAM (Selvaraju et al. 2017; Bishop §10.3.3): for class c and the feature maps A^(k) of a layer,
 * α_k = mean over positions of ∂a^(c)/∂A^(k) (eq. 10.9) and L = ReLU(Σ_k α_k A^(k)) (eq. 10.10),
 * up-sampled bilinearly to the input's size.
 * <p>
 * a^(c) is the class score before any final softmax. The layer defaults to the last convolution
 * (followed through its ReLU, see {@link Nodes#lastConvolution}); the class defaults to the top class.
 * <pre>
 * GradCam.Result r = GradCam.of(net).layer("conv5").compute(image);   // image 1×C×H×W
 * float[] heat = r.map().values();
 * </pre>
 */
public final class GradCam {

	private final Network net;
	private String layer;
	private int classIndex = -1;

	private GradCam(Network net) { this.net = net; }

	public static GradCam of(Network net) { return new GradCam(net); }

	/** The layer whose feature maps are weighted (null: the last convolution). */
	public GradCam layer(String name) { this.layer = name; return this; }

	/** The class to explain; −1 for the top class. */
	public GradCam classIndex(int c) { this.classIndex = c; return this; }

	/**
	 * @param map     the up-sampled, rectified map
	 * @param coarse  Σ_k α_k A^(k) at the layer's resolution, before the ReLU (h×w)
	 * @param alphas  α_k, one per channel
	 * @param layer   the layer's name
	 * @param scores  all class scores of the image
	 */
	public record Result(SaliencyMap map, float[] coarse, int coarseWidth, int coarseHeight, float[] alphas, String layer, float[] scores) {}

	public int layerNode() { return layer == null ? Nodes.lastConvolution(net) : Nodes.byName(net, layer); }

	public Result compute(Tensor image) {
		if (image.rank() != 4 || image.dim(0) != 1)
			throw new IllegalArgumentException("GradCam: expects one image 1×C×H×W, got " + image.shapeString());
		int node = layerNode();
		int scoreNode = Nodes.scores(net);
		if (node >= scoreNode) throw new IllegalArgumentException("GradCam: layer '" + Nodes.name(net, node) + "' does not come before the class scores");
		try (NodePass pass = NodePass.run(net, image, Phase.EVAL_WITH_GRADIENTS)) {
			Tensor a = pass.value(node);
			if (a.rank() != 4)
				throw new IllegalArgumentException("GradCam: layer '" + pass.nameOf(node) + "' gives " + a.shapeString() + ", not feature maps N×C×H×W");
			float[] scores = ClassScores.of(pass.value(scoreNode), 0);
			int c = classIndex < 0 ? ClassScores.argmax(scores) : classIndex;
			ClassScores.checkClass(c, scores.length, "GradCam");
			Tensor seed = Tensor.zeros(pass.value(scoreNode).shape());
			seed.data()[c] = 1;
			Tensor g = pass.backward(Map.of(scoreNode, seed), node)[node];
			int channels = a.dim(1), h = a.dim(2), w = a.dim(3), plane = h * w;
			float[] alphas = new float[channels];
			float[] coarse = new float[plane];
			if (g != null) { // null: the score does not depend on this layer
				for (int k = 0; k < channels; k++) {
					double s = 0;
					for (int i = 0; i < plane; i++) s += g.data()[k * plane + i];
					alphas[k] = (float) (s / plane);
				}
				for (int i = 0; i < plane; i++) {
					double s = 0;
					for (int k = 0; k < channels; k++) s += (double) alphas[k] * a.data()[k * plane + i];
					coarse[i] = (float) s;
				}
			}
			float[] rect = new float[plane];
			for (int i = 0; i < plane; i++) rect[i] = Math.max(0, coarse[i]);
			float[] up = Resize.bilinear(rect, w, h, image.dim(3), image.dim(2));
			SaliencyMap map = new SaliencyMap(up, image.dim(3), image.dim(2), c, scores[c], "Grad-CAM " + pass.nameOf(node));
			return new Result(map, coarse, w, h, alphas, pass.nameOf(node), scores);
		}
	}
}
