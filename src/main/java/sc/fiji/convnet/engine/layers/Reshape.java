package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Gives each sample a new shape (the batch axis stays): N×… → N×{@code shape}, one entry may be −1, meaning
 * "whatever is left"; or, as a {@link #view}, gives the whole tensor a fixed shape, batch axis included (what an
 * imported ONNX graph needs where the batch changes or the rank does not suit). The values are shared.
 */
public final class Reshape extends ShapeOnlyLayer {

	private final int[] target;
	/** true: {@code target} is the whole shape, batch axis included. */
	private final boolean whole;

	public Reshape(int... sampleShape) {
		this(false, sampleShape);
	}

	/** The whole tensor as {@code shape}, batch axis included; every entry positive. */
	public static Reshape view(int... shape) {
		for (int d : shape) if (d <= 0) throw new IllegalArgumentException("View: dimensions must be positive, got " + Arrays.toString(shape));
		return new Reshape(true, shape);
	}

	private Reshape(boolean whole, int... sampleShape) {
		this.whole = whole;
		int free = 0;
		for (int d : sampleShape) {
			if (d == -1) free++;
			else if (d <= 0) throw new IllegalArgumentException("Reshape: dimensions must be positive or −1, got " + Arrays.toString(sampleShape));
		}
		if (free > 1) throw new IllegalArgumentException("Reshape: at most one −1 in " + Arrays.toString(sampleShape));
		target = sampleShape.clone();
	}

	@Override public String type() { return whole ? "View" : "Reshape"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("shape", array(target));
		return o;
	}

	public static Reshape fromConfig(JsonObject o) { return new Reshape(ints(o, "shape")); }

	public static Reshape viewFromConfig(JsonObject o) { return view(ints(o, "shape")); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (whole) {
			if (Tensor.sizeOf(in[0]) != Tensor.sizeOf(target))
				throw error("cannot view " + Arrays.toString(in[0]) + " as " + Arrays.toString(target));
			return target.clone();
		}
		if (in[0].length < 1) throw error("expects a batch axis, got shape " + Arrays.toString(in[0]));
		long per = Tensor.sizeOf(in[0]) / Math.max(1, in[0][0]), known = 1;
		for (int d : target) if (d > 0) known *= d;
		int[] out = new int[target.length + 1];
		out[0] = in[0][0];
		for (int i = 0; i < target.length; i++) out[i + 1] = target[i] == -1 ? (int) (per / known) : target[i];
		if (Tensor.sizeOf(out) != Tensor.sizeOf(in[0]))
			throw error("cannot reshape " + Arrays.toString(in[0]) + " to N×" + Arrays.toString(target));
		return out;
	}
}
