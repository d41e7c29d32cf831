package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** ONNX Transpose: output axis i is input axis perm[i]. The backward pass applies the inverse permutation. */
public final class Permute extends Layer {

	private final int[] perm;
	private int[] inputShape;

	public Permute(int... perm) {
		boolean[] seen = new boolean[perm.length];
		for (int p : perm) {
			if (p < 0 || p >= perm.length || seen[p]) throw new IllegalArgumentException("Permute: not a permutation " + Arrays.toString(perm));
			seen[p] = true;
		}
		this.perm = perm.clone();
	}

	@Override public String type() { return "OnnxPermute"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("perm", array(perm));
		return o;
	}

	public static Permute fromConfig(JsonObject o) { return new Permute(ints(o, "perm")); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (in[0].length != perm.length) throw error("permutation " + Arrays.toString(perm) + " does not fit shape " + Arrays.toString(in[0]));
		int[] o = new int[perm.length];
		for (int i = 0; i < o.length; i++) o[i] = in[0][perm[i]];
		return o;
	}

	/** dst[out index] = src[in index] (forward) or dst[in index] = src[out index] (backward). */
	private void move(int[] inShape, float[] src, float[] dst, boolean forward) {
		int r = perm.length;
		int[] outShape = outputShape(inShape), inStrides = Shapes.strides(inShape);
		int[] step = new int[r]; // input stride of each output axis
		for (int i = 0; i < r; i++) step[i] = inStrides[perm[i]];
		int n = Shapes.size(outShape);
		int[] counter = new int[r];
		int at = 0;
		for (int k = 0; k < n; k++) {
			if (forward) dst[k] = src[at]; else dst[at] = src[k];
			for (int i = r - 1; i >= 0; i--) {
				counter[i]++;
				at += step[i];
				if (counter[i] < outShape[i]) break;
				at -= step[i] * outShape[i];
				counter[i] = 0;
			}
		}
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape();
		Tensor y = Tensor.zeros(outputShape(s));
		move(s, inputs[0].data(), y.data(), true);
		inputShape = s;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		if (dy.size() != Tensor.sizeOf(inputShape)) throw error("output gradient " + dy.shapeString() + " does not match input " + Arrays.toString(inputShape));
		Tensor dx = Tensor.zeros(inputShape);
		move(inputShape, dy.data(), dx.data(), false);
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; }
}
