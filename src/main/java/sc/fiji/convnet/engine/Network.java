package sc.fiji.convnet.engine;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A directed acyclic graph of layers with one input and one output, and reverse-mode automatic
 * differentiation through it (Bishop §8.2).
 * <p>
 * Node 0 is the input image; node k ≥ 1 is {@code layer(k)}, whose inputs are earlier nodes, so the
 * list order is a topological order. The forward pass frees every intermediate tensor as soon as its
 * last consumer has run (layers keep what their own backward needs when the phase records);
 * the backward pass walks the list backwards, sums gradients where a node feeds several consumers
 * (skip connections), and returns ∂L/∂input.
 * <p>
 * Build with {@link NetworkBuilder} or a builder such as {@link sc.fiji.convnet.engine.nets.UNet}.
 * A network is not thread-safe (its layers keep the caches of the last pass); give each thread its own
 * {@link #copy()}.
 */
public final class Network {

	private final List<Layer> layers; // layers.get(k − 1) is node k
	private final int[][] inputsOf;
	private final int inputChannels;
	private final int sizeMultiple;
	private final int[] lastUse;
	private boolean checkFinite;
	private boolean reuseBuffers = true;
	private boolean lastPassReuses; // whether the last forward pass let layers reuse their buffers
	private Tensor[] sumBuffers; // per node: where the gradients of its consumers are summed
	/**
	 * Per node: the concatenation node that alone reads it, for a convolution's output (0 otherwise). Inference
	 * passes of one image let the convolution write into the concatenation's output instead of an array of its own
	 * that the concatenation would copy (SqueezeNet's fire modules, U-Net decoders: 7 % of SqueezeNet's pass).
	 */
	private final int[] concatReader;
	private final int convolutionsIntoConcatenations; // nodes with a concatReader
	private volatile int[][] lastShapes; // the node shapes of the last inference pass with placements, input shape first

	Network(List<Layer> layers, List<int[]> inputsOf, int inputChannels, int sizeMultiple) {
		this.layers = List.copyOf(layers);
		this.inputsOf = inputsOf.toArray(new int[0][]);
		this.inputChannels = inputChannels;
		this.sizeMultiple = sizeMultiple;
		this.lastUse = new int[layers.size() + 1];
		for (int k = 1; k <= layers.size(); k++)
			for (int i : this.inputsOf[k - 1]) lastUse[i] = k;
		lastUse[layers.size()] = Integer.MAX_VALUE; // the output survives
		this.concatReader = concatReaders();
		this.convolutionsIntoConcatenations = (int) Arrays.stream(concatReader).filter(c -> c > 0).count();
	}

	private int[] concatReaders() {
		int n = layers.size();
		int[] readers = new int[n + 1], reader = new int[n + 1], result = new int[n + 1];
		for (int k = 1; k <= n; k++)
			for (int i : inputsOf[k - 1]) {
				readers[i]++;
				reader[i] = k;
			}
		for (int k = 1; k < n; k++)
			if (layers.get(k - 1) instanceof Conv2d && readers[k] == 1 && layers.get(reader[k] - 1) instanceof Concat) result[k] = reader[k];
		return result;
	}

	/**
	 * Declares every convolution's weights constants from now on, for a network made for prediction only, that
	 * nothing trains: the kernels then keep the weights in the order they compute with ({@link Conv2d#constantWeights()}).
	 */
	public Network constantWeights() {
		for (Layer l : layers) if (l instanceof Conv2d conv) conv.constantWeights();
		return this;
	}

	/** Inference: evaluation statistics, nothing kept for backward. */
	public Tensor forward(Tensor input) { return forward(input, Phase.INFERENCE); }

	public Tensor forward(Tensor input, Phase phase) {
		checkInput(input);
		boolean reuse = reuseBuffers && phase.training();
		lastPassReuses = reuse;
		for (int k = 1; k <= layers.size(); k++) layers.get(k - 1).reuseBuffers(reuse && k < layers.size());
		if (!reuseBuffers || phase.records()) return pass(input, phase, null);
		// inference: arrays go round within and across this thread's passes (several threads may share the network)
		InferenceBuffers buffers = idleBuffers();
		InferenceBuffers before = buffers.activate();
		try {
			Tensor out = pass(input, phase, buffers);
			buffers.release(out.data());
			return out;
		} finally {
			InferenceBuffers.restore(before);
			idle.offer(new SoftReference<>(buffers)); // soft: memory pressure may take them
		}
	}

	private Tensor pass(Tensor input, Phase phase, InferenceBuffers buffers) {
		Tensor[] values = new Tensor[layers.size() + 1];
		values[0] = input;
		int[][] shapes = buffers != null && input.rank() == 4 && input.n() == 1 ? placementShapes(input.shape()) : null;
		Tensor[] concatOutput = shapes != null ? new Tensor[layers.size() + 1] : null;
		for (int k = 1; k <= layers.size(); k++) {
			int[] in = inputsOf[k - 1];
			Tensor[] args = new Tensor[in.length];
			for (int j = 0; j < in.length; j++) args[j] = values[in[j]];
			int c = shapes != null && shapes[k][0] == 1 && shapes[concatReader[k]][0] == 1 ? concatReader[k] : 0;
			if (c > 0) { // into the concatenation's output, which the first such convolution allocates
				if (concatOutput[c] == null) concatOutput[c] = buffers.tensor(shapes[c]);
				((Conv2d) layers.get(k - 1)).forwardInto(args[0], concatOutput[c], firstChannel(c, k, shapes));
				values[k] = concatOutput[c];
			} else if (concatOutput != null && concatOutput[k] != null) {
				int[][] inShapes = new int[in.length][];
				boolean[] inPlace = new boolean[in.length];
				for (int j = 0; j < in.length; j++) {
					inShapes[j] = shapes[in[j]];
					inPlace[j] = concatReader[in[j]] == k;
				}
				values[k] = ((Concat) layers.get(k - 1)).forwardInto(args, inShapes, inPlace, concatOutput[k]);
			} else values[k] = layers.get(k - 1).forward(args, phase);
			if (checkFinite && c == 0) requireFinite(layers.get(k - 1), values[k]);
			for (int j : in)
				if (lastUse[j] == k && values[j] != null) { // nobody else needs it
					float[] freed = values[j].data();
					values[j] = null;
					if (buffers != null && j > 0 && !stillRead(freed, values, k)) buffers.giveBack(freed);
				}
		}
		return detached(values[layers.size()]);
	}

	/** How many convolutions write their output straight into a concatenation (inference, one image). */
	int convolutionsIntoConcatenations() { return convolutionsIntoConcatenations; }

	/** The node shapes for an inference pass on this input shape, or null when no convolution writes into a concatenation. */
	private int[][] placementShapes(int[] inputShape) {
		if (convolutionsIntoConcatenations == 0) return null;
		int[][] s = lastShapes;
		if (s == null || !Arrays.equals(s[0], inputShape)) lastShapes = s = shapes(inputShape);
		return s;
	}

	/** Where node k's channels start in the output of the concatenation node c. */
	private int firstChannel(int c, int k, int[][] shapes) {
		int first = 0;
		for (int i : inputsOf[c - 1]) {
			if (i == k) return first;
			first += shapes[i][1];
		}
		throw new IllegalStateException("node " + k + " is not an input of node " + c);
	}

	/** Whether a value still needed (nodes 0…k) shares {@code data}: a view such as a reshape's output. */
	private static boolean stillRead(float[] data, Tensor[] values, int k) {
		for (int i = 0; i <= k; i++) if (values[i] != null && values[i].data() == data) return true;
		return false;
	}

	private final ConcurrentLinkedQueue<SoftReference<InferenceBuffers>> idle = new ConcurrentLinkedQueue<>();

	/** Buffers that no pass is using, or new ones. */
	private InferenceBuffers idleBuffers() {
		for (SoftReference<InferenceBuffers> r; (r = idle.poll()) != null;) {
			InferenceBuffers b = r.get();
			if (b != null) return b;
		}
		return new InferenceBuffers();
	}

	/** The tensor, or a copy where it is (a view of) a buffer that the next pass overwrites. */
	private Tensor detached(Tensor t) {
		if (!lastPassReuses || t == null) return t;
		for (Layer l : layers) if (l.ownsBuffer(t.data())) return t.copy();
		if (sumBuffers != null)
			for (Tensor s : sumBuffers) if (s != null && s.data() == t.data()) return t.copy();
		return t;
	}

	/**
	 * With {@code true} (the default), layers keep their output and gradient arrays between training
	 * passes and overwrite them in the next one instead of allocating new ones, and inference passes
	 * recycle the arrays of values no longer needed ({@link InferenceBuffers}); the network's output and
	 * input gradient are never such arrays. {@code false} also frees the arrays kept so far.
	 */
	public Network reuseBuffers(boolean reuse) {
		reuseBuffers = reuse;
		if (!reuse) releaseBuffers();
		return this;
	}

	/** Frees the arrays that layers keep for the next training pass, and the caches. */
	public void releaseBuffers() {
		for (Layer l : layers) l.releaseBuffers();
		idle.clear();
		sumBuffers = null;
	}

	/**
	 * Back-propagates ∂L/∂output through the last recording forward pass: adds every parameter's
	 * gradient into {@link Parameter#grad()} and returns ∂L/∂input.
	 */
	public Tensor backward(Tensor gradOutput) {
		Tensor[] grads = new Tensor[layers.size() + 1];
		grads[layers.size()] = gradOutput;
		for (int k = layers.size(); k >= 1; k--) {
			if (grads[k] == null) continue; // does not reach the output
			Tensor[] gin = layers.get(k - 1).backward(grads[k]);
			grads[k] = null;
			int[] in = inputsOf[k - 1];
			for (int j = 0; j < in.length; j++) grads[in[j]] = accumulate(in[j], grads[in[j]], gin[j]);
		}
		return detached(grads[0]);
	}

	private Tensor accumulate(int node, Tensor acc, Tensor g) {
		if (acc == null) return g;
		float[] a = acc.data(), b = g.data();
		if (!lastPassReuses) {
			// a fresh sum: either tensor may be a view that another node still owns
			float[] s = new float[a.length];
			for (int i = 0; i < a.length; i++) s[i] = a[i] + b[i];
			return new Tensor(s, acc.shape());
		}
		if (sumBuffers == null) sumBuffers = new Tensor[layers.size() + 1];
		Tensor sum = sumBuffers[node];
		if (sum == null || sum.size() != a.length) sumBuffers[node] = sum = Tensor.zeros(acc.shape());
		float[] s = sum.data();
		if (s == b) throw new IllegalStateException("Network: gradient buffer of node " + node + " used twice");
		// s == a when a third consumer adds to the sum of the first two: in place is fine then
		Loops.range(a.length, (from, to) -> {
			for (int i = from; i < to; i++) s[i] = a[i] + b[i];
		});
		return sum.reshape(acc.shape());
	}

	/**
	 * ∂(Σ_i dOut_i·output_i)/∂input in evaluation mode: saliency maps and gradient checks. Parameter
	 * gradients are accumulated as a side effect; call {@link #zeroGrad()} before training on.
	 */
	public Tensor inputGradient(Tensor input, Tensor gradOutput) {
		forward(input, Phase.EVAL_WITH_GRADIENTS);
		Tensor g = backward(gradOutput);
		clearCaches();
		return g;
	}

	/**
	 * With {@code true}, every layer's output is checked for NaN and infinity, and the first layer that
	 * produces one is named in the exception (for hunting divergence; costs one pass per layer).
	 */
	public Network checkFinite(boolean check) {
		checkFinite = check;
		return this;
	}

	private static void requireFinite(Layer layer, Tensor out) {
		float[] d = out.data();
		for (int i = 0; i < d.length; i++)
			if (!Float.isFinite(d[i]))
				throw new ArithmeticException(layer.type() + " '" + layer.name() + "': output " + out.shapeString() + " has " + d[i] + " at flat index " + i);
	}

	private void checkInput(Tensor input) {
		int[] s = input.shape();
		if (s.length != 4)
			throw new IllegalArgumentException("Network: expects an N×C×H×W input, got shape " + Arrays.toString(s));
		if (s[1] != inputChannels)
			throw new IllegalArgumentException("Network: expects " + inputChannels + " input channels, got shape " + Arrays.toString(s));
		if (sizeMultiple > 1 && (s[2] % sizeMultiple != 0 || s[3] % sizeMultiple != 0))
			throw new IllegalArgumentException("Network: input " + s[2] + "×" + s[3] + " must be divisible by " + sizeMultiple + " in H and W (shape " + Arrays.toString(s) + ")");
		for (float v : input.data())
			if (!Float.isFinite(v))
				throw new IllegalArgumentException("Network: input " + Arrays.toString(s) + " contains NaN or infinite values");
	}

	/** Output shapes of every node for an input shape, without computing anything. */
	public int[][] shapes(int... inputShape) {
		int[][] s = new int[layers.size() + 1][];
		s[0] = inputShape.clone();
		for (int k = 1; k <= layers.size(); k++) {
			int[] in = inputsOf[k - 1];
			int[][] args = new int[in.length][];
			for (int j = 0; j < in.length; j++) args[j] = s[in[j]];
			s[k] = layers.get(k - 1).outputShape(args);
		}
		return s;
	}

	public int[] outputShape(int... inputShape) { return shapes(inputShape)[layers.size()]; }

	/** The receptive field of one output unit along the height axis (Bishop Fig. 10.9). */
	public ReceptiveField receptiveField() {
		return receptiveFieldsOfNodes()[layers.size()];
	}

	/** The receptive field of every layer's units, by layer name (infinite after global pooling or fully connected layers). */
	public java.util.LinkedHashMap<String, ReceptiveField> receptiveFields() {
		ReceptiveField[] rf = receptiveFieldsOfNodes();
		java.util.LinkedHashMap<String, ReceptiveField> m = new java.util.LinkedHashMap<>();
		for (int k = 1; k <= layers.size(); k++) m.put(layers.get(k - 1).name(), rf[k]);
		return m;
	}

	private ReceptiveField[] receptiveFieldsOfNodes() {
		ReceptiveField[] rf = new ReceptiveField[layers.size() + 1];
		rf[0] = ReceptiveField.PIXEL;
		for (int k = 1; k <= layers.size(); k++) {
			int[] in = inputsOf[k - 1];
			ReceptiveField[] args = new ReceptiveField[in.length];
			for (int j = 0; j < in.length; j++) args[j] = rf[in[j]];
			rf[k] = layers.get(k - 1).receptiveField(args);
		}
		return rf;
	}

	/** Trainable parameters and state (running statistics) of all layers, in layer order. */
	public List<Parameter> allParameters() {
		List<Parameter> l = new ArrayList<>();
		for (Layer layer : layers) l.addAll(layer.parameters());
		return l;
	}

	/** The parameters an optimizer should update. */
	public List<Parameter> parameters() {
		List<Parameter> l = new ArrayList<>();
		for (Parameter p : allParameters()) if (p.trainable()) l.add(p);
		return l;
	}

	/** The number of trainable values; does not allocate them. */
	public long parameterCount() {
		long n = 0;
		for (Layer layer : layers) n += layer.parameterCount();
		return n;
	}

	/** Trainable parameters per layer name, in layer order (layers without parameters included, as 0). */
	public java.util.LinkedHashMap<String, Long> parameterCounts() {
		java.util.LinkedHashMap<String, Long> m = new java.util.LinkedHashMap<>();
		for (Layer l : layers) m.put(l.name(), l.parameterCount());
		return m;
	}

	public void zeroGrad() {
		for (Parameter p : allParameters()) p.zeroGrad();
	}

	public void clearCaches() {
		for (Layer l : layers) l.clearCache();
	}

	/** The layers in topological order. */
	public List<Layer> layers() { return Collections.unmodifiableList(layers); }

	/** The nodes feeding layer {@code k} (1-based; node 0 is the input). */
	public int[] inputsOf(int k) { return inputsOf[k - 1].clone(); }

	public int inputChannels() { return inputChannels; }

	/** H and W must be multiples of this (2^depth for a U-Net); 1 when any size works. */
	public int sizeMultiple() { return sizeMultiple; }

	/** A table of layers: name, type, output shape for {@code inputShape}, trainable parameters. */
	public String summary(int... inputShape) {
		int[][] s = shapes(inputShape);
		StringBuilder b = new StringBuilder();
		b.append(String.format("%-24s %-18s %-22s %12s%n", "layer", "type", "output", "parameters"));
		for (int k = 1; k <= layers.size(); k++) {
			Layer l = layers.get(k - 1);
			b.append(String.format("%-24s %-18s %-22s %12d%n", l.name(), l.type(), Arrays.toString(s[k]), l.parameterCount()));
		}
		b.append(String.format("total %d parameters; receptive field %s%n", parameterCount(), receptiveField()));
		return b.toString();
	}

	public void save(Path file) throws IOException { NetworkIO.save(this, file); }

	/** An independent network with the same architecture and values. */
	public Network copy() { return NetworkIO.copy(this); }

	public static Network load(Path file) throws IOException { return NetworkIO.load(file); }
}
