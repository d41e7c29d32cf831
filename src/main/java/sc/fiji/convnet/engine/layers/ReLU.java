package sc.fiji.convnet.engine.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.engine.kernels.Rectifier;
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
		Rectifier.forward(x, y, x.length, Kernels.defaultThreads());
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
		Rectifier.gradient(y, d, dx, y.length, Kernels.defaultThreads());
		return new Tensor[] { dxT };
	}

	@Override public void clearCache() { output = null; }
}
