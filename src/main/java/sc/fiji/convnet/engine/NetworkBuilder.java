package sc.fiji.convnet.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Assembles a {@link Network}. {@link #add(Layer, int...)} appends a layer fed by earlier nodes and
 * returns its node id; {@link #then(Layer)} feeds it the previous node, for chains.
 * Node 0 is the input. The last layer added is the output.
 * <pre>
 * NetworkBuilder b = new NetworkBuilder(1).seed(42);
 * int a = b.then(new Conv2d(1, 8, 3).padding(1));
 * int r = b.then(new ReLU());
 * b.add(new Concat(), a, r);
 * Network net = b.build();
 * </pre>
 * Every parameter gets its own seed derived from the builder's seed and its position, so the same
 * seed gives the same initial network.
 */
public final class NetworkBuilder {

	private final int inputChannels;
	private final List<Layer> layers = new ArrayList<>();
	private final List<int[]> inputs = new ArrayList<>();
	private final Set<String> names = new HashSet<>();
	private long seed = 0x5eedL;
	private int sizeMultiple = 1;

	public NetworkBuilder(int inputChannels) {
		if (inputChannels <= 0) throw new IllegalArgumentException("NetworkBuilder: input channels must be positive, got " + inputChannels);
		this.inputChannels = inputChannels;
	}

	public NetworkBuilder seed(long seed) { this.seed = seed; return this; }

	/** Requires H and W of inputs to be multiples of {@code m}. */
	public NetworkBuilder sizeMultiple(int m) { this.sizeMultiple = m; return this; }

	/** The id of the most recently added node (0 before any layer). */
	public int last() { return layers.size(); }

	public int then(Layer layer) { return add(layer, last()); }

	public int add(Layer layer, int... from) {
		int id = layers.size() + 1;
		if (from.length == 0) throw new IllegalArgumentException("NetworkBuilder: layer " + layer.name() + " has no inputs");
		if (layer.arity() >= 0 && layer.arity() != from.length)
			throw new IllegalArgumentException("NetworkBuilder: " + layer.type() + " '" + layer.name() + "' takes " + layer.arity() + " input(s), got " + from.length);
		for (int f : from)
			if (f < 0 || f >= id) throw new IllegalArgumentException("NetworkBuilder: layer " + layer.name() + " reads node " + f + ", which does not exist yet (0.." + (id - 1) + ")");
		if (layers.contains(layer)) throw new IllegalArgumentException("NetworkBuilder: layer " + layer.name() + " added twice; create a new instance");
		String name = layer.name();
		if (names.contains(name) || name.equals(layer.type())) {
			String base = name.equals(layer.type()) ? layer.type().toLowerCase() : name;
			int i = 1;
			while (names.contains(base + i)) i++;
			name = base + i;
		}
		names.add(name);
		layer.named(name);
		layers.add(layer);
		inputs.add(from.clone());
		return id;
	}

	public Network build() {
		if (layers.isEmpty()) throw new IllegalStateException("NetworkBuilder: no layers");
		SplittableRandom seeds = new SplittableRandom(seed);
		for (Layer l : layers)
			for (Parameter p : l.parameters()) p.seed(seeds.nextLong());
		return new Network(layers, inputs, inputChannels, sizeMultiple);
	}

	/** For loading: layers that already carry their names and values. */
	static Network assemble(List<Layer> layers, List<int[]> inputs, int inputChannels, int sizeMultiple) {
		return new Network(layers, inputs, inputChannels, sizeMultiple);
	}
}
