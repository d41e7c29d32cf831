package sc.fiji.convnet.engine.layers;

import java.util.function.IntConsumer;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/** The mean of each channel over H×W: N×C×H×W → N×C×1×1. */
public final class GlobalAvgPool2d extends Layer {

	private int[] inputShape;

	@Override public String type() { return "GlobalAvgPool2d"; }
	@Override public JsonObject config() { return json(); }
	public static GlobalAvgPool2d fromConfig(JsonObject o) { return new GlobalAvgPool2d(); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireRank4(in[0]);
		return new int[] { in[0][0], in[0][1], 1, 1 };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int plane = s[2] * s[3];
		float[] x = inputs[0].data();
		Tensor out = Tensor.zeros(o);
		float[] y = out.data();
		IntConsumer mean = p -> {
			// four partial sums: one chain of dependent additions ran at a quarter of the speed
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			int at = p * plane, end = at + plane, k = at;
			for (; k + 4 <= end; k += 4) {
				s0 += x[k];
				s1 += x[k + 1];
				s2 += x[k + 2];
				s3 += x[k + 3];
			}
			for (; k < end; k++) s0 += x[k];
			y[p] = (float) ((s0 + s1 + (s2 + s3)) / plane);
		};
		int planes = s[0] * s[1];
		Loops.planes(planes, (long) planes * plane, mean);
		inputShape = s;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		int plane = inputShape[2] * inputShape[3], planes = inputShape[0] * inputShape[1];
		if (dy.size() != planes) throw error("output gradient " + dy.shapeString() + " does not match " + planes + " channels");
		Tensor dx = Tensor.zeros(inputShape);
		for (int p = 0; p < planes; p++) {
			float v = dy.data()[p] / plane;
			java.util.Arrays.fill(dx.data(), p * plane, (p + 1) * plane, v);
		}
		return new Tensor[] { dx };
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) {
		return new ReceptiveField(Double.POSITIVE_INFINITY, in[0].jump());
	}

	@Override public void clearCache() { inputShape = null; }
}
