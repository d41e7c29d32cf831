package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Pooling to a fixed output size OH×OW whatever the input size: output cell i covers input rows
 * ⌊i·H/OH⌋ … ⌈(i+1)·H/OH⌉ − 1 (PyTorch's adaptive pooling). Average or max. Global pooling is the
 * 1×1 case ({@link #globalMax()}, and {@link GlobalAvgPool2d}).
 */
public final class AdaptivePool2d extends Layer {

	private final int oh, ow;
	private final boolean max;
	private int[] inputShape;
	private int[] argmax;

	public AdaptivePool2d(int oh, int ow, boolean max) {
		if (oh <= 0 || ow <= 0) throw new IllegalArgumentException("AdaptivePool2d: output size must be positive, got " + oh + "×" + ow);
		this.oh = oh; this.ow = ow; this.max = max;
	}

	public static AdaptivePool2d average(int oh, int ow) { return new AdaptivePool2d(oh, ow, false); }
	public static AdaptivePool2d max(int oh, int ow) { return new AdaptivePool2d(oh, ow, true); }
	public static AdaptivePool2d globalMax() { return new AdaptivePool2d(1, 1, true); }

	@Override public String type() { return max ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("size", array(oh, ow));
		return o;
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireRank4(in[0]);
		return new int[] { in[0][0], in[0][1], oh, ow };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int h = s[2], w = s[3];
		float[] x = inputs[0].data();
		Tensor yT = Tensor.zeros(o);
		float[] y = yT.data();
		int[] idx = max && phase.records() ? new int[y.length] : null;
		forEachWindow(s, (p, oi, ya, yb, xa, xb) -> {
			if (max) {
				float best = Float.NEGATIVE_INFINITY;
				int at = -1;
				for (int yy = ya; yy < yb; yy++)
					for (int xx = xa; xx < xb; xx++) {
						float v = x[(p * h + yy) * w + xx];
						if (at < 0 || v > best || Float.isNaN(v)) { best = v; at = yy * w + xx; }
					}
				y[oi] = best;
				if (idx != null) idx[oi] = at;
			} else {
				double sum = 0;
				for (int yy = ya; yy < yb; yy++) for (int xx = xa; xx < xb; xx++) sum += x[(p * h + yy) * w + xx];
				y[oi] = (float) (sum / ((yb - ya) * (xb - xa)));
			}
		});
		inputShape = s;
		argmax = idx;
		return yT;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null || max && argmax == null) throw noCache();
		int[] s = inputShape;
		int h = s[2], w = s[3];
		if (!Arrays.equals(dy.shape(), outputShape(s))) throw error("output gradient " + dy.shapeString() + " does not match output for input " + Arrays.toString(s));
		Tensor dxT = Tensor.zeros(s);
		float[] dx = dxT.data(), d = dy.data();
		forEachWindow(s, (p, oi, ya, yb, xa, xb) -> {
			if (max) dx[p * h * w + argmax[oi]] += d[oi];
			else {
				float g = d[oi] / ((yb - ya) * (xb - xa));
				for (int yy = ya; yy < yb; yy++) for (int xx = xa; xx < xb; xx++) dx[(p * h + yy) * w + xx] += g;
			}
		});
		return new Tensor[] { dxT };
	}

	/** One output cell: plane p, flat output index oi, and its input window rows [ya, yb) × columns [xa, xb). */
	private interface Window {
		void at(int p, int oi, int ya, int yb, int xa, int xb);
	}

	/** Visits every output cell of an input of shape {@code s} with its window; forward and backward walk the same windows. */
	private void forEachWindow(int[] s, Window window) {
		int h = s[2], w = s[3];
		for (int p = 0; p < s[0] * s[1]; p++)
			for (int i = 0; i < oh; i++) {
				int ya = i * h / oh, yb = ((i + 1) * h + oh - 1) / oh;
				for (int j = 0; j < ow; j++) {
					int xa = j * w / ow, xb = ((j + 1) * w + ow - 1) / ow;
					window.at(p, (p * oh + i) * ow + j, ya, yb, xa, xb);
				}
			}
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) { return new ReceptiveField(Double.POSITIVE_INFINITY, in[0].jump()); }

	@Override public void clearCache() { inputShape = null; argmax = null; }
}
