package sc.fiji.convnet.engine.layers;

import java.util.Arrays;
import java.util.Map;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Max-unpooling (Bishop §10.5.3, Fig. 10.15): every value goes back to the place its max-pooling layer
 * took it from, all other cells are zero. It reads the indices that {@code pool} recorded in the same
 * forward pass, so the pooling layer must run in a recording phase or at least before this one in
 * the graph; the output has the pooling layer's input size.
 */
public final class MaxUnpool2d extends Layer {

	private MaxPool2d pool;
	private String poolName;
	private int[] lastIndices;
	private int[] inputShape;
	private int[] outShape;

	public MaxUnpool2d(MaxPool2d pool) {
		this.pool = pool.keepIndices();
	}

	private MaxUnpool2d(String poolName) { this.poolName = poolName; }

	@Override public String type() { return "MaxUnpool2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("pool", pool != null ? pool.name() : poolName);
		return o;
	}

	public static MaxUnpool2d fromConfig(JsonObject o) { return new MaxUnpool2d(o.get("pool").getAsString()); }

	@Override
	public void resolve(Map<String, Layer> byName) {
		if (pool == null) {
			Layer l = byName.get(poolName);
			if (!(l instanceof MaxPool2d p)) throw error("refers to pooling layer '" + poolName + "', which is not a MaxPool2d of this network");
			pool = p.keepIndices();
		}
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireRank4(in[0]);
		int[] poolIn = pool.lastInputShape();
		if (poolIn == null) throw error("its pooling layer '" + pool.name() + "' has not run yet");
		if (poolIn[0] != in[0][0] || poolIn[1] != in[0][1] || !Arrays.equals(pool.outputShape(poolIn), in[0]))
			throw error("input " + Arrays.toString(in[0]) + " does not match the output of '" + pool.name() + "' for " + Arrays.toString(poolIn));
		return poolIn.clone();
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int[] idx = pool.indices();
		Tensor yT = Tensor.zeros(o);
		float[] y = yT.data(), x = inputs[0].data();
		int planes = s[0] * s[1], inPlane = s[2] * s[3], outPlane = o[2] * o[3];
		for (int p = 0; p < planes; p++)
			for (int i = 0; i < inPlane; i++) y[p * outPlane + idx[p * inPlane + i]] = x[p * inPlane + i];
		lastIndices = idx;
		inputShape = s;
		outShape = o;
		return yT;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (lastIndices == null) throw noCache();
		if (!Arrays.equals(dy.shape(), outShape)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(outShape));
		Tensor dxT = Tensor.zeros(inputShape);
		float[] dx = dxT.data(), d = dy.data();
		int planes = inputShape[0] * inputShape[1], inPlane = inputShape[2] * inputShape[3], outPlane = outShape[2] * outShape[3];
		for (int p = 0; p < planes; p++)
			for (int i = 0; i < inPlane; i++) dx[p * inPlane + i] = d[p * outPlane + lastIndices[p * inPlane + i]];
		return new Tensor[] { dxT };
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) { return in[0].upsample(1, pool == null ? 2 : pool.stride()); }

	@Override public void clearCache() { lastIndices = null; }
}
