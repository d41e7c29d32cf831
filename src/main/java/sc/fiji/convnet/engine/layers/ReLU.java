package sc.fiji.convnet.engine.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** max(0, x), element-wise (Bishop eq. 6.17). Any shape. */
public final class ReLU extends SameShapeLayer {

	private Tensor output;

	@Override public String type() { return "ReLU"; }
	@Override public JsonObject config() { return json(); }
	public static ReLU fromConfig(JsonObject o) { return new ReLU(); }

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		float[] x = inputs[0].data();
		Tensor out = buffer(0, inputs[0].shape());
		float[] y = out.data();
		Loops.range(x.length, (from, to) -> {
			for (int i = from; i < to; i++) y[i] = x[i] > 0 ? x[i] : 0f;
		});
		output = phase.records() ? out : null;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (output == null) throw noCache();
		if (dy.size() != output.size()) throw error("output gradient " + dy.shapeString() + " does not match output " + output.shapeString());
		float[] y = output.data(), d = dy.data();
		Tensor dxT = buffer(1, output.shape());
		float[] dx = dxT.data();
		Loops.range(y.length, (from, to) -> {
			for (int i = from; i < to; i++) dx[i] = y[i] > 0 ? d[i] : 0f;
		});
		return new Tensor[] { dxT };
	}

	@Override public void clearCache() { output = null; }
}
