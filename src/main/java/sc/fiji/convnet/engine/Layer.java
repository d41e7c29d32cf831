package sc.fiji.convnet.engine;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.tensor.Tensor;

/**
 * One operation of a network with its forward and backward pass.
 * <p>
 * A forward pass with {@link Phase#records()} keeps what the backward pass needs (the input, the
 * max-pool indices, the normalized values); {@link #backward} then returns ∂L/∂input for every
 * input and adds ∂L/∂θ into the gradients of the layer's parameters. A layer instance appears once
 * in a network, so one cache suffices.
 * <p>
 * {@link #type()} and {@link #config()} describe the layer completely (with its parameters' values),
 * which is how networks are saved; {@link LayerRegistry} turns them back into a layer.
 */
public abstract class Layer {

	private String name;

	/** The name used in the saved architecture (e.g. "Conv2d"). */
	public abstract String type();

	/** Everything needed to rebuild this layer, apart from parameter values. */
	public abstract JsonObject config();

	/** The output shape for these input shapes; throws an exception naming the layer on a mismatch. */
	public abstract int[] outputShape(int[]... inputShapes);

	public abstract Tensor forward(Tensor[] inputs, Phase phase);

	/** ∂L/∂input for each input, given ∂L/∂output; parameter gradients are accumulated. */
	public abstract Tensor[] backward(Tensor gradOutput);

	/** How many inputs the layer takes; −1 for any number ≥ 1. */
	public int arity() { return 1; }

	/** Trainable parameters and saved state (running statistics), in a fixed order. */
	public List<Parameter> parameters() { return List.of(); }

	/** A weight and an optional bias (null: none), in that order, as {@link #parameters()} lists them. */
	protected static List<Parameter> weightAndBias(Parameter weight, Parameter bias) {
		List<Parameter> l = new java.util.ArrayList<>();
		l.add(weight);
		if (bias != null) l.add(bias);
		return l;
	}

	/** How the receptive field grows through this layer. */
	public ReceptiveField receptiveField(ReceptiveField... inputs) {
		return ReceptiveField.max(inputs);
	}

	/** After loading: links this layer to others it refers to by name (e.g. max-unpooling to its pooling). */
	public void resolve(java.util.Map<String, Layer> layersByName) {}

	/** Frees the forward caches. */
	public void clearCache() {}

	// ---- buffer reuse: a training loop calls forward and backward with the same shapes again and again

	private boolean reuseBuffers;
	private Tensor[] buffers = new Tensor[0];

	/**
	 * Lets {@link #buffer} hand out the same arrays in the next passes: set by {@link Network} for
	 * training passes of layers whose output it does not return, so that a caller never holds a tensor
	 * that a later pass overwrites.
	 */
	final void reuseBuffers(boolean reuse) { reuseBuffers = reuse; }

	/**
	 * A tensor of this shape for an output or a gradient that the caller overwrites completely: a fresh
	 * zero tensor, or, while {@link Network} allows it, the one this slot returned last time (stale values),
	 * or in an inference pass an array that an earlier layer no longer needs ({@link InferenceBuffers}).
	 * Slot 0 is the output; slots 1… are input gradients, one per input.
	 */
	protected final Tensor buffer(int slot, int... shape) {
		if (!reuseBuffers) {
			InferenceBuffers pass = InferenceBuffers.active();
			return pass != null ? pass.tensor(shape) : Tensor.zeros(shape);
		}
		if (slot >= buffers.length) buffers = Arrays.copyOf(buffers, slot + 1);
		Tensor b = buffers[slot];
		if (b == null || !sameShape(b, shape)) buffers[slot] = b = Tensor.zeros(shape);
		return b;
	}

	private static boolean sameShape(Tensor t, int[] shape) {
		if (t.rank() != shape.length) return false;
		for (int i = 0; i < shape.length; i++) if (t.dim(i) != shape[i]) return false;
		return true;
	}

	/** Whether {@code data} is one of this layer's reusable buffers. */
	final boolean ownsBuffer(float[] data) {
		for (Tensor b : buffers) if (b != null && b.data() == data) return true;
		return false;
	}

	/** Drops the reusable buffers (and the caches), giving their memory back. */
	public void releaseBuffers() {
		buffers = new Tensor[0];
		clearCache();
	}

	public String name() { return name == null ? type() : name; }

	/** Sets the name and returns this layer, typed as the caller needs it ({@code Conv2d c = new Conv2d(…).named("c")}). */
	@SuppressWarnings("unchecked")
	public <T extends Layer> T named(String name) {
		this.name = name;
		return (T) this;
	}

	/** Convenience for one input. */
	public Tensor forward(Tensor input, Phase phase) {
		return forward(new Tensor[] { input }, phase);
	}

	public long parameterCount() {
		long n = 0;
		for (Parameter p : parameters()) if (p.trainable()) n += p.size();
		return n;
	}

	// ---- helpers for subclasses: checks whose messages name the layer and the shapes

	protected IllegalArgumentException error(String message) {
		return new IllegalArgumentException(type() + " '" + name() + "': " + message);
	}

	protected IllegalStateException noCache() {
		return new IllegalStateException(type() + " '" + name() + "': backward without a recording forward pass (use Phase.TRAINING or EVAL_WITH_GRADIENTS)");
	}

	/**
	 * The shape of the output {@code y} that the forward pass recorded, checked against the output gradient: the
	 * opening of every backward pass that keeps its output (one message for all of them).
	 */
	protected int[] recordedOutputShape(Tensor y, Tensor dy) {
		if (y == null) throw noCache();
		if (!Arrays.equals(dy.shape(), y.shape())) throw error("output gradient " + dy.shapeString() + " does not match output " + y.shapeString());
		return y.shape();
	}

	protected void requireInputs(int[][] shapes, int count) {
		if (shapes.length != count)
			throw error("expects " + count + " input(s), got " + shapes.length);
	}

	protected void requireRank4(int[] shape) {
		if (shape.length != 4)
			throw error("expects an N×C×H×W input, got shape " + Arrays.toString(shape));
		for (int d : shape)
			if (d <= 0) throw error("zero-size input " + Arrays.toString(shape));
	}

	protected void requireChannels(int[] shape, int channels) {
		requireRank4(shape);
		if (shape[1] != channels)
			throw error("expects " + channels + " input channels, got shape " + Arrays.toString(shape));
	}

	protected static int[][] shapes(Tensor[] inputs) {
		int[][] s = new int[inputs.length][];
		for (int i = 0; i < inputs.length; i++) s[i] = inputs[i].shape();
		return s;
	}

	protected static JsonObject json() { return new JsonObject(); }

	protected static com.google.gson.JsonArray array(int... values) {
		com.google.gson.JsonArray a = new com.google.gson.JsonArray();
		for (int v : values) a.add(v);
		return a;
	}

	protected static int[] ints(JsonObject o, String key) {
		com.google.gson.JsonArray a = o.getAsJsonArray(key);
		int[] v = new int[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsInt();
		return v;
	}

	@Override
	public String toString() { return type() + " '" + name() + "' " + config(); }
}
