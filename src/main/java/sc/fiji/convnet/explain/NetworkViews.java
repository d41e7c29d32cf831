package sc.fiji.convnet.explain;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.tensor.Tensor;

/** Looking at a trained network (Bishop §10.3.2): its first-layer filters and its feature maps. */
public final class NetworkViews {

	private NetworkViews() {}

	/** The first Conv2d of the network. */
	public static Conv2d firstConvolution(Network net) {
		for (Layer l : net.layers()) if (l instanceof Conv2d c) return c;
		throw new IllegalArgumentException("The network has no Conv2d layer (layers: " + Nodes.names(net) + ")");
	}

	/**
	 * The first convolution's kernels as a montage: one tile per (output channel k, input channel c), in the
	 * order k·C_in + c, so that with {@code columns = C_in} each row is one filter. Raw weights; the gaps are NaN (no
	 * weight: left out of statistics, and told apart from a weight of 0 in a picture).
	 */
	public static Montage firstLayerFilters(Network net, int columns, int scale) {
		Conv2d conv = firstConvolution(net);
		int[] s = conv.weight().shape(); // C_out × C_in/groups × kh × kw
		int per = s[2] * s[3];
		float[] w = conv.weight().value().data();
		List<float[]> tiles = new ArrayList<>();
		for (int t = 0; t < s[0] * s[1]; t++) {
			float[] tile = new float[per];
			System.arraycopy(w, t * per, tile, 0, per);
			tiles.add(tile);
		}
		return Montage.of(tiles, s[3], s[2], columns <= 0 ? Montage.squareColumns(tiles.size()) : columns, scale, 1, Float.NaN);
	}

	/** The activations of {@code layer} (empty: the last convolution) for one image: 1×C×H×W, one plane per channel (a stack). */
	public static Tensor featureMaps(Network net, String layer, Tensor image) {
		if (image.rank() != 4 || image.dim(0) != 1) throw new IllegalArgumentException("featureMaps: expects one image 1×C×H×W, got " + image.shapeString());
		layer = Nodes.layerName(net, layer);
		int node = Nodes.byName(net, layer);
		try (NodePass pass = NodePass.run(net, image, Phase.INFERENCE, node)) {
			Tensor a = pass.value(node);
			if (a.rank() != 4) throw new IllegalArgumentException("featureMaps: layer '" + layer + "' gives " + a.shapeString() + ", not feature maps N×C×H×W");
			return a.copy();
		}
	}
}
