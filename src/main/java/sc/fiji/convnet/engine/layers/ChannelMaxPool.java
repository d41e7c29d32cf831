package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Max-pooling across channels (maxout, Bishop §10.2.5): channels are split into consecutive groups of
 * {@code groupSize}, and each output channel is the maximum of its group at every pixel.
 */
public final class ChannelMaxPool extends Layer {

	private final int groupSize;
	private int[] inputShape;
	private int[] argmax; // the winning channel within the group, per output value

	public ChannelMaxPool(int groupSize) {
		if (groupSize <= 0) throw new IllegalArgumentException("ChannelMaxPool: group size must be positive, got " + groupSize);
		this.groupSize = groupSize;
	}

	@Override public String type() { return "ChannelMaxPool"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("groupSize", groupSize);
		return o;
	}

	public static ChannelMaxPool fromConfig(JsonObject o) { return new ChannelMaxPool(o.get("groupSize").getAsInt()); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireRank4(in[0]);
		if (in[0][1] % groupSize != 0) throw error(in[0][1] + " channels do not split into groups of " + groupSize + " (shape " + Arrays.toString(in[0]) + ")");
		return new int[] { in[0][0], in[0][1] / groupSize, in[0][2], in[0][3] };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int plane = s[2] * s[3], c = s[1], oc = o[1];
		float[] x = inputs[0].data();
		Tensor yT = Tensor.zeros(o);
		float[] y = yT.data();
		int[] idx = phase.records() ? new int[y.length] : null;
		for (int n = 0; n < s[0]; n++)
			for (int g = 0; g < oc; g++)
				for (int k = 0; k < plane; k++) {
					int best = 0;
					float bv = x[(n * c + g * groupSize) * plane + k];
					for (int j = 1; j < groupSize; j++) {
						float v = x[(n * c + g * groupSize + j) * plane + k];
						if (v > bv) { bv = v; best = j; }
					}
					int oi = (n * oc + g) * plane + k;
					y[oi] = bv;
					if (idx != null) idx[oi] = best;
				}
		inputShape = s;
		argmax = idx;
		return yT;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (argmax == null) throw noCache();
		int[] s = inputShape;
		int plane = s[2] * s[3], c = s[1], oc = c / groupSize;
		if (dy.size() != argmax.length) throw error("output gradient " + dy.shapeString() + " does not match output for input " + Arrays.toString(s));
		Tensor dxT = Tensor.zeros(s);
		float[] dx = dxT.data(), d = dy.data();
		for (int n = 0; n < s[0]; n++)
			for (int g = 0; g < oc; g++)
				for (int k = 0; k < plane; k++) {
					int oi = (n * oc + g) * plane + k;
					dx[(n * c + g * groupSize + argmax[oi]) * plane + k] += d[oi];
				}
		return new Tensor[] { dxT };
	}

	@Override public void clearCache() { argmax = null; }
}
