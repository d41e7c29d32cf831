package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** a op b for two computed tensors with numpy broadcasting (ONNX Add, Sub, Mul, Div, Pow between two branches). */
public final class BroadcastBinary extends Layer {

	private final BinaryOp op;
	private Tensor a, b, y;

	public BroadcastBinary(BinaryOp op) { this.op = op; }

	@Override public String type() { return "OnnxBinary"; }
	@Override public int arity() { return 2; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("op", op.name());
		return o;
	}

	public static BroadcastBinary fromConfig(JsonObject o) { return new BroadcastBinary(BinaryOp.valueOf(o.get("op").getAsString())); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 2);
		int[] o = Shapes.broadcast(in[0], in[1]);
		if (o == null) throw error("shapes " + Arrays.toString(in[0]) + " and " + Arrays.toString(in[1]) + " do not broadcast");
		return o;
	}

	private static int[] index(int[] out, int[] s) { return Arrays.equals(out, s) ? null : Shapes.broadcastIndex(out, s); }

	@Override
	public Tensor forward(Tensor[] in, Phase phase) {
		int[] o = outputShape(in[0].shape(), in[1].shape());
		Tensor out = Tensor.zeros(o);
		BinaryOp.forward(op, in[0].data(), index(o, in[0].shape()), in[1].data(), index(o, in[1].shape()), out.data());
		if (phase.records()) { a = in[0]; b = in[1]; y = out; } else { a = b = y = null; }
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		int[] o = recordedOutputShape(y, dy);
		Tensor da = Tensor.zeros(a.shape());
		double[] db = new double[b.size()];
		BinaryOp.backward(op, a.data(), index(o, a.shape()), b.data(), index(o, b.shape()), y.data(), dy.data(), da.data(), db);
		float[] dbf = new float[db.length];
		for (int i = 0; i < db.length; i++) dbf[i] = (float) db[i];
		return new Tensor[] { da, new Tensor(dbf, b.shape()) };
	}

	@Override public void clearCache() { a = b = y = null; }
}
