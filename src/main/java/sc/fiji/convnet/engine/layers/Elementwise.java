package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Element-wise arithmetic of inputs of equal shape: ADD sums any number of inputs (residual
 * connections), SUB is a − b, MUL is a·b. No broadcasting.
 */
public final class Elementwise extends Layer {

	public enum Op { ADD, SUB, MUL }

	private final Op op;
	private Tensor[] inputs;
	private int[] shape;
	private int count;

	public Elementwise(Op op) { this.op = op; }

	public static Elementwise add() { return new Elementwise(Op.ADD); }
	public static Elementwise sub() { return new Elementwise(Op.SUB); }
	public static Elementwise mul() { return new Elementwise(Op.MUL); }

	@Override public String type() { return switch (op) { case ADD -> "Add"; case SUB -> "Sub"; case MUL -> "Mul"; }; }
	@Override public int arity() { return op == Op.ADD ? -1 : 2; }
	@Override public JsonObject config() { return json(); }

	@Override
	public int[] outputShape(int[]... in) {
		if (in.length == 0 || op != Op.ADD && in.length != 2) throw error("expects " + (op == Op.ADD ? "at least one input" : "two inputs") + ", got " + in.length);
		for (int[] s : in)
			if (!Arrays.equals(s, in[0])) throw error("inputs must have equal shapes, got " + Arrays.deepToString(in));
		return in[0].clone();
	}

	@Override
	public Tensor forward(Tensor[] in, Phase phase) {
		shape = outputShape(shapes(in));
		Tensor out = buffer(0, shape); // a recycled array: a fresh one per pass cost ResNet-50 ~300 MB of garbage a second
		float[] y = out.data(), first = in[0].data();
		float[][] rest = new float[in.length - 1][];
		for (int j = 1; j < in.length; j++) rest[j - 1] = in[j].data();
		Loops.range(y.length, (from, to) -> {
			System.arraycopy(first, from, y, from, to - from);
			for (float[] b : rest)
				switch (op) {
				case ADD -> { for (int i = from; i < to; i++) y[i] += b[i]; }
				case SUB -> { for (int i = from; i < to; i++) y[i] -= b[i]; }
				case MUL -> { for (int i = from; i < to; i++) y[i] *= b[i]; }
				}
		});
		inputs = phase.records() && op == Op.MUL ? in.clone() : null;
		count = in.length;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (shape == null || op == Op.MUL && inputs == null) throw noCache();
		if (!Arrays.equals(dy.shape(), shape)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(shape));
		float[] d = dy.data();
		return switch (op) {
		case ADD -> {
			int n = count;
			Tensor[] g = new Tensor[n];
			for (int j = 0; j < n; j++) g[j] = new Tensor(d.clone(), shape); // each input owns its gradient
			yield g;
		}
		case SUB -> {
			float[] neg = new float[d.length];
			for (int i = 0; i < d.length; i++) neg[i] = -d[i];
			yield new Tensor[] { new Tensor(d.clone(), shape), new Tensor(neg, shape) };
		}
		case MUL -> {
			float[] a = inputs[0].data(), b = inputs[1].data(), da = new float[d.length], db = new float[d.length];
			for (int i = 0; i < d.length; i++) { da[i] = d[i] * b[i]; db[i] = d[i] * a[i]; }
			yield new Tensor[] { new Tensor(da, shape), new Tensor(db, shape) };
		}
		};
	}

	@Override public void clearCache() { inputs = null; shape = null; }

}
