package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.engine.layers.Reshape;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * The state of one import: which ONNX value is a constant and which is a computed tensor (a network node), and the
 * network being built.
 * <p>
 * A computed value has a <em>logical</em> shape (what ONNX says) and an <em>engine</em> shape (the shape of the
 * tensor its node produces). Both hold the same row-major values, so Reshape, Flatten, Squeeze and friends only
 * relabel; a {@link Reshape#view} is inserted when a layer needs a particular engine shape.
 */
final class ImportGraph {

	/** An ONNX value: a constant or a computed tensor. */
	sealed interface Value permits Constant, Computed {}

	record Constant(ConstTensor tensor) implements Value {}

	/** @param node the network node; @param shape the logical ONNX shape */
	record Computed(int node, int[] shape) implements Value {
		int rank() { return shape.length; }
	}

	final NetworkBuilder builder;
	final long opset;
	/** Imported for inference only: batch normalization and ReLU may be folded into the convolution before them. */
	final boolean inference;
	private final List<int[]> engineShapes = new ArrayList<>();
	private final Map<String, Value> values = new HashMap<>();
	private final Map<Integer, Map<String, Integer>> viewsOf = new HashMap<>();
	private final Map<String, Integer> consumers = new HashMap<>();
	private record Produced(Layer layer, Computed value) {}
	private final Map<String, Produced> producers = new HashMap<>();

	ImportGraph(int[] inputShape, long opset, boolean inference) {
		int[] engine = canonical4d(inputShape);
		builder = new NetworkBuilder(engine[1]);
		this.opset = opset;
		this.inference = inference;
		engineShapes.add(engine);
	}

	/** The 4-D shape the engine sees for a logical shape: N×C×H×W as is, N×C×L as N×C×1×L, others N×C×1×rest. */
	static int[] canonical4d(int[] s) {
		if (s.length == 4) return s.clone();
		if (s.length < 2) throw new IllegalArgumentException("a tensor of rank " + s.length + " " + Arrays.toString(s) + " has no batch and channel axes");
		return new int[] { s[0], s[1], 1, Shapes.product(s, 2, s.length) };
	}

	int[] engineShape(int node) { return engineShapes.get(node).clone(); }

	int lastNode() { return builder.last(); }

	void put(String name, Value v) {
		if (!name.isEmpty()) values.put(name, v);
	}

	Value get(OnnxNode n, String name) {
		Value v = values.get(name);
		if (v == null) throw new IllegalStateException(n.describe() + ": input '" + name + "' is neither a graph input, a weight nor an earlier output");
		return v;
	}

	boolean has(String name) { return values.containsKey(name); }

	/** Counts a read of a value by some node, or its being a graph output. */
	void consumedBy(String name) { consumers.merge(name, 1, Integer::sum); }

	/** Whether some node reads the value or the graph gives it out. */
	boolean consumed(String name) { return consumers.containsKey(name); }

	/** How many node inputs read the value, plus one if it is an output of the import. */
	int consumers(String name) { return consumers.getOrDefault(name, 0); }

	/** Remembers that the layer computes the value {@code name} itself (its node, not a view of it). */
	void producedBy(String name, Layer layer, Computed value) { producers.put(name, new Produced(layer, value)); }

	/** The layer whose node is the value {@code name}, or null (unknown, or the value was replaced since). */
	Layer producer(String name) {
		Produced p = producers.get(name);
		return p != null && values.get(name) == p.value() ? p.layer() : null;
	}

	/** Adds a layer fed by network nodes and returns its output as a computed value with this logical shape. */
	Computed add(Layer layer, int[] logicalShape, int... from) {
		int[][] in = new int[from.length][];
		for (int i = 0; i < from.length; i++) in[i] = engineShapes.get(from[i]);
		int[] out = layer.outputShape(in);
		if (Shapes.size(out) != Shapes.size(logicalShape))
			throw new IllegalStateException(layer.type() + " '" + layer.name() + "' gives " + Arrays.toString(out) + " where ONNX expects " + Arrays.toString(logicalShape));
		int id = builder.add(layer, from);
		engineShapes.add(out);
		return new Computed(id, logicalShape.clone());
	}

	/** The node holding {@code v} with exactly this engine shape (a shared {@link Reshape#view} when needed). */
	int view(Computed v, int[] shape) {
		if (Arrays.equals(engineShapes.get(v.node()), shape)) return v.node();
		if (Shapes.size(shape) != Shapes.size(engineShapes.get(v.node())))
			throw new IllegalStateException("cannot view node " + v.node() + " " + Arrays.toString(engineShapes.get(v.node())) + " as " + Arrays.toString(shape));
		Map<String, Integer> m = viewsOf.computeIfAbsent(v.node(), k -> new HashMap<>());
		String key = Arrays.toString(shape);
		Integer id = m.get(key);
		if (id == null) {
			id = add(Reshape.view(shape), shape, v.node()).node();
			m.put(key, id);
		}
		return id;
	}

	/** The node with the logical shape as engine shape. */
	int logical(Computed v) { return view(v, v.shape()); }

	/** The node as a 4-D tensor (see {@link #canonical4d}). */
	int as4d(Computed v) { return view(v, canonical4d(v.shape())); }
}
