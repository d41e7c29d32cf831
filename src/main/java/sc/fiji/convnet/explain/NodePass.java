package sc.fiji.convnet.explain;

import java.util.Arrays;
import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * One pass through a {@link Network} that keeps the value of every node, and a backward pass whose
 * gradients may enter at any nodes, not only at the output.
 * <p>
 * {@link Network#forward} frees intermediate values and {@link Network#backward} starts at the output;
 * Grad-CAM needs a layer's activation and the gradient with respect to it, DeepDream and style transfer
 * put their objective on inner layers. The walk is the same as the network's (node 0 is the input, node k
 * is {@code layers().get(k − 1)}, inputs come from {@link Network#inputsOf(int)}), so no hook in the
 * engine is needed. Keeps all values: meant for one image at a time. Not thread-safe, like the network.
 */
public final class NodePass implements AutoCloseable {

	private final Network net;
	private final Phase phase;
	private final Tensor[] values;

	private NodePass(Network net, Phase phase, Tensor[] values) {
		this.net = net;
		this.phase = phase;
		this.values = values;
	}

	/** Runs the network on {@code input} (N×C×H×W) and keeps every node's value. */
	public static NodePass run(Network net, Tensor input, Phase phase) {
		return run(net, input, phase, net.layers().size());
	}

	/**
	 * Runs the layers up to node {@code last} only (later values stay null): an inner layer's maps for images of
	 * any size, even when the classifier's head accepts only one.
	 */
	public static NodePass run(Network net, Tensor input, Phase phase, int last) {
		if (input.rank() != 4 || input.dim(1) != net.inputChannels())
			throw new IllegalArgumentException("NodePass: the network expects N×" + net.inputChannels() + "×H×W, got " + input.shapeString());
		int n = net.layers().size();
		if (last < 0 || last > n) throw new IllegalArgumentException("NodePass: node " + last + " does not exist (0.." + n + ")");
		// shape errors name the layer before anything is computed
		int[][] shapes = new int[last + 1][];
		shapes[0] = input.shape();
		for (int k = 1; k <= last; k++) {
			int[] in = net.inputsOf(k);
			int[][] args = new int[in.length][];
			for (int j = 0; j < in.length; j++) args[j] = shapes[in[j]];
			shapes[k] = net.layers().get(k - 1).outputShape(args);
		}
		Tensor[] values = new Tensor[n + 1];
		values[0] = input;
		NodePass pass = new NodePass(net, phase, values);
		for (int k = 1; k <= last; k++) values[k] = net.layers().get(k - 1).forward(pass.argsOf(k), phase);
		return pass;
	}

	private Tensor[] argsOf(int k) {
		int[] in = net.inputsOf(k);
		Tensor[] args = new Tensor[in.length];
		for (int j = 0; j < in.length; j++) args[j] = values[in[j]];
		return args;
	}

	public Network network() { return net; }
	public int nodes() { return values.length; }
	public Tensor input() { return values[0]; }
	public Tensor output() { return value(values.length - 1); }

	/** The value of node {@code k} (0 = input). */
	public Tensor value(int node) {
		checkNode(node);
		if (values[node] == null) throw new IllegalStateException("NodePass: node " + node + " (" + nameOf(node) + ") was not computed; this pass stopped earlier");
		return values[node];
	}

	/**
	 * The network's output when node {@code node} is replaced by {@code replacement} and every later layer
	 * runs again (inference statistics; the recorded caches of this pass are left untouched otherwise
	 * invalid — use it for finite differences and perturbation studies, not before {@link #backward}).
	 */
	public Tensor outputWith(int node, Tensor replacement) {
		checkNode(node);
		if (!Arrays.equals(replacement.shape(), values[node].shape()))
			throw new IllegalArgumentException("NodePass: replacement " + replacement.shapeString() + " for node " + node + " (" + nameOf(node) + ") must have shape " + values[node].shapeString());
		Tensor[] v = values.clone();
		v[node] = replacement;
		for (int k = node + 1; k < v.length; k++) {
			int[] in = net.inputsOf(k);
			Tensor[] args = new Tensor[in.length];
			for (int j = 0; j < in.length; j++) args[j] = v[in[j]];
			v[k] = net.layers().get(k - 1).forward(args, Phase.INFERENCE);
		}
		return v[v.length - 1];
	}

	/**
	 * Back-propagates gradients that enter at the given nodes (node → ∂L/∂value, shaped like the value)
	 * through the layers above {@code lowest}, and returns ∂L/∂value of every node ≥ {@code lowest}
	 * (null for nodes the seeds do not reach). The pass must have been run with a recording phase.
	 * Parameter gradients accumulate as a side effect, as in {@link Network#inputGradient}.
	 */
	public Tensor[] backward(Map<Integer, Tensor> seeds, int lowest) {
		if (!phase.records()) throw new IllegalStateException("NodePass: backward needs a recording phase (EVAL_WITH_GRADIENTS or TRAINING), this pass ran with " + phase);
		checkNode(lowest);
		Tensor[] grads = new Tensor[values.length];
		for (Map.Entry<Integer, Tensor> e : seeds.entrySet()) {
			int k = e.getKey();
			checkNode(k);
			if (k < lowest) throw new IllegalArgumentException("NodePass: a gradient enters at node " + k + " (" + nameOf(k) + "), below the lowest node " + lowest);
			if (e.getValue().size() != values[k].size())
				throw new IllegalArgumentException("NodePass: gradient " + e.getValue().shapeString() + " for node " + k + " (" + nameOf(k) + ") does not match its value " + values[k].shapeString());
			grads[k] = add(grads[k], e.getValue().reshape(values[k].shape()));
		}
		for (int k = values.length - 1; k > lowest; k--) {
			if (grads[k] == null) continue;
			Tensor[] gin = net.layers().get(k - 1).backward(grads[k]);
			int[] in = net.inputsOf(k);
			for (int j = 0; j < in.length; j++) grads[in[j]] = add(grads[in[j]], gin[j]);
		}
		for (int k = 0; k < lowest; k++) grads[k] = null;
		return grads;
	}

	/** ∂L/∂input for gradients entering at the given nodes. */
	public Tensor inputGradient(Map<Integer, Tensor> seeds) {
		Tensor g = backward(seeds, 0)[0];
		return g == null ? Tensor.zeros(values[0].shape()) : g;
	}

	private static Tensor add(Tensor acc, Tensor g) {
		if (acc == null) return g;
		// a fresh sum: either may be a view owned by a layer or a caller
		float[] a = acc.data(), b = g.data(), s = new float[a.length];
		for (int i = 0; i < a.length; i++) s[i] = a[i] + b[i];
		return new Tensor(s, acc.shape());
	}

	/** The layer name of node {@code k} ("input" for node 0). */
	public String nameOf(int node) { return Nodes.name(net, node); }

	private void checkNode(int node) {
		if (node < 0 || node >= values.length)
			throw new IllegalArgumentException("NodePass: node " + node + " does not exist (0.." + (values.length - 1) + ")");
	}

	/** Frees the layers' caches. */
	@Override
	public void close() { net.clearCaches(); }
}
