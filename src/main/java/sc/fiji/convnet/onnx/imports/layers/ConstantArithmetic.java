package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * x op c, or c op x, with a constant operand c broadcast numpy-style (a per-channel scale, a scalar offset, a full
 * tensor). c is a {@link Parameter}: trainable when it came from the model's weights, fixed state otherwise; its
 * gradient sums over the broadcast cells.
 */
public final class ConstantArithmetic extends Layer {

	private final BinaryOp op;
	private final boolean constantFirst;
	private final Parameter constant;
	private Tensor x, y;

	public ConstantArithmetic(BinaryOp op, boolean constantFirst, boolean trainable, int... constantShape) {
		this.op = op;
		this.constantFirst = constantFirst;
		this.constant = new Parameter("constant", Initializer.constant(0), trainable, constantShape);
	}

	/** With the constant's values set. */
	public static ConstantArithmetic of(BinaryOp op, boolean constantFirst, boolean trainable, float[] values, int... shape) {
		ConstantArithmetic c = new ConstantArithmetic(op, constantFirst, trainable, shape);
		c.constant.set(values);
		return c;
	}

	public Parameter constant() { return constant; }

	@Override public String type() { return "OnnxConstantArithmetic"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("op", op.name()); o.addProperty("constantFirst", constantFirst);
		o.addProperty("trainable", constant.trainable()); o.add("shape", array(constant.shape()));
		return o;
	}

	public static ConstantArithmetic fromConfig(JsonObject o) {
		return new ConstantArithmetic(BinaryOp.valueOf(o.get("op").getAsString()), o.get("constantFirst").getAsBoolean(),
				o.get("trainable").getAsBoolean(), ints(o, "shape"));
	}

	@Override public List<Parameter> parameters() { return List.of(constant); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] o = Shapes.broadcast(in[0], constant.shape());
		if (o == null) throw error("input " + Arrays.toString(in[0]) + " and constant " + Arrays.toString(constant.shape()) + " do not broadcast");
		return o;
	}

	private static int[] index(int[] out, int[] s) { return Arrays.equals(out, s) ? null : Shapes.broadcastIndex(out, s); }

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] o = outputShape(inputs[0].shape());
		int[] ix = index(o, inputs[0].shape()), ic = index(o, constant.shape());
		Tensor out = Tensor.zeros(o);
		float[] c = constant.value().data();
		if (constantFirst) BinaryOp.forward(op, c, ic, inputs[0].data(), ix, out.data());
		else BinaryOp.forward(op, inputs[0].data(), ix, c, ic, out.data());
		if (phase.records()) { x = inputs[0]; y = out; } else { x = y = null; }
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		int[] o = recordedOutputShape(y, dy);
		int[] ix = index(o, x.shape()), ic = index(o, constant.shape());
		float[] c = constant.value().data();
		Tensor dx = Tensor.zeros(x.shape());
		double[] dcAcc = new double[c.length];
		if (constantFirst) {
			double[] dxAcc = new double[x.size()];
			BinaryOp.backward(op, c, ic, x.data(), ix, y.data(), dy.data(), null, dxAcc);
			// ∂L/∂c: swap roles so the constant's partial lands in a double accumulator
			float[] dcF = new float[c.length];
			BinaryOp.backward(op, c, ic, x.data(), ix, y.data(), dy.data(), dcF, null);
			for (int i = 0; i < dcAcc.length; i++) dcAcc[i] = dcF[i];
			float[] g = dx.data();
			for (int i = 0; i < g.length; i++) g[i] = (float) dxAcc[i];
		} else {
			BinaryOp.backward(op, x.data(), ix, c, ic, y.data(), dy.data(), dx.data(), dcAcc);
		}
		float[] gc = constant.grad().data();
		for (int i = 0; i < gc.length; i++) gc[i] += (float) dcAcc[i];
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { x = y = null; }
}
