package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.ImportGraph.Constant;
import sc.fiji.convnet.onnx.imports.ImportGraph.Value;
import sc.fiji.convnet.onnx.imports.layers.Reduce;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * One ONNX node on its way into the engine graph: the graph, the node and its opset, and what every group of
 * operators uses to read constant inputs and attributes and to add layers.
 */
abstract class NodeTranslation {

	final ImportGraph g;
	final long opset;
	final OnnxNode n;

	NodeTranslation(ImportGraph g, OnnxNode n) {
		this.g = g;
		this.opset = g.opset;
		this.n = n;
	}

	/** Adds the layers of this node when it is one of this group's operators; false when it is not. */
	abstract boolean translate(Computed x);

	UnsupportedOnnxException unsupported(String why) {
		return new UnsupportedOnnxException(n.opType(), n.describe() + " (opset " + opset + "): " + why);
	}

	ConstTensor constant(int i, String what) {
		if (i >= n.inputs().size() || n.inputs().get(i).isEmpty()) return null;
		Value v = g.get(n, n.inputs().get(i));
		if (v instanceof Constant c) return c.tensor();
		throw unsupported(what + " (input " + i + ") is computed at run time; only constant " + what + " is supported");
	}

	Computed runtime(int i) {
		Value v = g.get(n, n.inputs().get(i));
		if (v instanceof Computed c) return c;
		throw new IllegalStateException(n.describe() + ": input " + i + " is constant");
	}

	void out(Computed v) { g.put(n.outputs().get(0), v); }

	void relabel(Computed x, int[] shape) { out(new Computed(x.node(), shape)); }

	Computed add(Layer layer, int[] shape, int... from) { return g.add(layer.named(layerName()), shape, from); }

	String layerName() {
		String s = n.name().isEmpty() ? n.opType().toLowerCase() + "_" + n.outputs().get(0) : n.name();
		return s.replace('/', '_').replaceAll("^_+", "");
	}

	/**
	 * For an import for inference: the Conv2d layer whose own node is the value {@code name}, when this node is the
	 * value's only reader (so the layer may absorb this node), else null.
	 */
	Conv2d fusableConv(String name) {
		return g.inference && g.consumers(name) == 1 && g.producer(name) instanceof Conv2d c ? c : null;
	}

	int[] ints(String attr, int[] dflt) { return n.has(attr) ? n.attribute(attr).asIntArray() : dflt; }

	static int[] fill(int len, int v) { int[] a = new int[len]; Arrays.fill(a, v); return a; }

	int axis(int a, int rank) {
		int r = a < 0 ? a + rank : a;
		if (r < 0 || r >= rank) throw unsupported("axis " + a + " outside rank " + rank);
		return r;
	}

	int[] broadcast(int[] a, int[] b) {
		int[] o = Shapes.broadcast(a, b);
		if (o == null) throw unsupported("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
		return o;
	}

	List<Computed> computedInputs() {
		List<Computed> xs = new ArrayList<>();
		for (String in : n.inputs()) {
			Value v = g.get(n, in);
			if (!(v instanceof Computed c)) throw unsupported("a mix of computed and constant inputs");
			xs.add(c);
		}
		return xs;
	}

	Computed reduce(Computed x, int[] axes, boolean keep, boolean mean) {
		Reduce r = new Reduce(axes, mean);
		int[] kept = r.outputShape(x.shape());
		int[] o = kept;
		if (!keep) {
			boolean[] reduced = new boolean[x.rank()];
			for (int a : axes) reduced[a] = true;
			o = new int[x.rank()];
			int j = 0;
			for (int d = 0; d < x.rank(); d++) if (!reduced[d]) o[j++] = kept[d];
			o = Arrays.copyOf(o, j);
		}
		return add(r, o, g.logical(x));
	}
}
