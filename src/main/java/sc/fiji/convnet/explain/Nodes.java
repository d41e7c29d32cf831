package sc.fiji.convnet.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;

/** Finding nodes of a network by name and by role (the last convolution, the class scores). */
public final class Nodes {

	/** Layer types that only rescale or rectify a convolution's output, element by element. */
	private static final Set<String> POINTWISE = Set.of("ReLU", "Activation", "PReLU", "BatchNorm2d");
	private static final Set<String> SOFTMAX = Set.of("Softmax", "LogSoftmax", "OnnxAxisSoftmax");

	private Nodes() {}

	/** The layer name of node {@code k}; "input" for node 0. */
	public static String name(Network net, int node) {
		return node == 0 ? "input" : net.layers().get(node - 1).name();
	}

	/** The node whose layer is called {@code name} ("input" for node 0). */
	public static int byName(Network net, String name) {
		if ("input".equals(name)) return 0;
		List<Layer> layers = net.layers();
		for (int k = 1; k <= layers.size(); k++)
			if (layers.get(k - 1).name().equals(name)) return k;
		throw new IllegalArgumentException("No layer '" + name + "' in the network; its layers are " + names(net));
	}

	/** The layer a user means: its name, or the last convolution ({@link #lastConvolution}) when empty or null. */
	public static String layerName(Network net, String layer) {
		return layer == null || layer.isBlank() ? name(net, lastConvolution(net)) : layer.strip();
	}

	/**
	 * The layers a dialog offers for {@code net}: every layer's name in order, with the one to preselect, the last
	 * convolution (null when the network has none).
	 */
	public record LayerChoices(List<String> names, String preselected) {}

	public static LayerChoices choices(Network net) {
		String last;
		try {
			last = name(net, lastConvolution(net));
		} catch (IllegalArgumentException noConvolution) {
			last = null;
		}
		return new LayerChoices(names(net), last);
	}

	public static List<String> names(Network net) {
		List<String> n = new ArrayList<>();
		for (Layer l : net.layers()) n.add(l.name());
		return n;
	}

	/** Nodes whose layer is of the given type ("Conv2d"), in order. */
	public static List<Integer> ofType(Network net, String type) {
		List<Integer> k = new ArrayList<>();
		for (int i = 1; i <= net.layers().size(); i++)
			if (net.layers().get(i - 1).type().equals(type)) k.add(i);
		return k;
	}

	/**
	 * Grad-CAM's default layer: the last Conv2d, followed through the element-wise layers (ReLU,
	 * batch normalization, activations) that only it feeds, so the maps are the rectified features.
	 */
	public static int lastConvolution(Network net) {
		List<Integer> convs = ofType(net, "Conv2d");
		if (convs.isEmpty()) throw new IllegalArgumentException("The network has no Conv2d layer; name the layer for Grad-CAM (layers: " + names(net) + ")");
		return rectified(net, convs.get(convs.size() - 1));
	}

	/** Every convolution followed through its element-wise layers (as {@link #lastConvolution}), in order: the network's feature maps. */
	public static List<Integer> rectifiedConvolutions(Network net) {
		List<Integer> out = new ArrayList<>();
		for (int k : ofType(net, "Conv2d")) out.add(rectified(net, k));
		return out;
	}

	private static int rectified(Network net, int conv) {
		int k = conv;
		while (true) {
			int next = soleConsumer(net, k);
			if (next < 0 || !POINTWISE.contains(net.layers().get(next - 1).type())) return k;
			k = next;
		}
	}

	/** The one layer that reads node k, or −1 if none or several do. */
	static int soleConsumer(Network net, int node) {
		int found = -1;
		for (int k = node + 1; k <= net.layers().size(); k++)
			for (int i : net.inputsOf(k))
				if (i == node) {
					if (found >= 0 && found != k) return -1;
					found = k;
				}
		return found;
	}

	/** The class scores before any final softmax: the output node, or the softmax's input. */
	public static int scores(Network net) {
		int out = net.layers().size();
		Layer last = net.layers().get(out - 1);
		return SOFTMAX.contains(last.type()) ? net.inputsOf(out)[0] : out;
	}
}
