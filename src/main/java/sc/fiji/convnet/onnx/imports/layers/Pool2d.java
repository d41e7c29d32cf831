package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/**
 * ONNX MaxPool / AveragePool in the generality the engine's pools lack: dilation, a different pad on each side,
 * ceil mode, and (average) with or without the padded cells in the divisor. Padded cells never win a max.
 * With ceil mode a window that would start inside the end padding is dropped (the PyTorch and ONNX Runtime rule).
 */
public final class Pool2d extends Layer {

	private final boolean max;
	private final int kh, kw, sh, sw, dh, dw, top, left, bottom, right;
	private final boolean ceil, countIncludePad;
	private int[] inputShape;
	private int[] argmax;

	public Pool2d(boolean max, int[] kernel, int[] stride, int[] dilation, int[] pads, boolean ceil, boolean countIncludePad) {
		this.max = max;
		kh = kernel[0]; kw = kernel[1]; sh = stride[0]; sw = stride[1]; dh = dilation[0]; dw = dilation[1];
		top = pads[0]; left = pads[1]; bottom = pads[2]; right = pads[3];
		this.ceil = ceil; this.countIncludePad = countIncludePad;
		if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || dh <= 0 || dw <= 0 || top < 0 || left < 0 || bottom < 0 || right < 0)
			throw new IllegalArgumentException("Pool2d: kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", dilation " + Arrays.toString(dilation) + " must be positive, pads " + Arrays.toString(pads) + " non-negative");
	}

	@Override public String type() { return "OnnxPool2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("max", max);
		o.add("kernel", array(kh, kw)); o.add("stride", array(sh, sw)); o.add("dilation", array(dh, dw));
		o.add("pads", array(top, left, bottom, right));
		o.addProperty("ceil", ceil); o.addProperty("countIncludePad", countIncludePad);
		return o;
	}

	public static Pool2d fromConfig(JsonObject o) {
		return new Pool2d(o.get("max").getAsBoolean(), ints(o, "kernel"), ints(o, "stride"), ints(o, "dilation"), ints(o, "pads"),
				o.get("ceil").getAsBoolean(), o.get("countIncludePad").getAsBoolean());
	}

	static int outputSize(int in, int k, int s, int d, int pb, int pe, boolean ceil) {
		int span = d * (k - 1) + 1, room = in + pb + pe - span;
		if (room < 0) return 0;
		int out = (ceil ? (room + s - 1) / s : room / s) + 1;
		if (ceil && (out - 1) * s >= in + pb) out--;
		return out;
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		requireRank4(s);
		int oh = outputSize(s[2], kh, sh, dh, top, bottom, ceil), ow = outputSize(s[3], kw, sw, dw, left, right, ceil);
		if (oh <= 0 || ow <= 0) throw error("window " + kh + "×" + kw + " (dilation " + dh + "×" + dw + ") does not fit the padded input " + Arrays.toString(s));
		return new int[] { s[0], s[1], oh, ow };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int h = s[2], w = s[3], oh = o[2], ow = o[3];
		float[] x = inputs[0].data();
		Tensor out = Tensor.zeros(o);
		float[] y = out.data();
		int[] idx = max && phase.records() ? new int[y.length] : null;
		for (int p = 0; p < s[0] * s[1]; p++) {
			int in0 = p * h * w;
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					int y0 = oy * sh - top, x0 = ox * sw - left, oi = (p * oh + oy) * ow + ox;
					float best = Float.NEGATIVE_INFINITY;
					int bestAt = -1, count = 0;
					double sum = 0;
					for (int ky = 0; ky < kh; ky++) {
						int iy = y0 + ky * dh;
						boolean rowInPad = iy >= -top && iy < h + bottom;
						for (int kx = 0; kx < kw; kx++) {
							int ix = x0 + kx * dw;
							if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
								if (countIncludePad && rowInPad && ix >= -left && ix < w + right) count++;
								continue;
							}
							float v = x[in0 + iy * w + ix];
							count++;
							if (max) { if (bestAt < 0 || v > best || Float.isNaN(v)) { best = v; bestAt = iy * w + ix; } }
							else sum += v;
						}
					}
					y[oi] = max ? best : count == 0 ? 0 : (float) (sum / count);
					if (idx != null) idx[oi] = bestAt;
				}
		}
		argmax = idx;
		inputShape = s;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null || max && argmax == null) throw noCache();
		int[] s = inputShape, o = outputShape(s);
		if (!Arrays.equals(dy.shape(), o)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(o));
		int h = s[2], w = s[3], oh = o[2], ow = o[3];
		Tensor dx = Tensor.zeros(s);
		float[] d = dy.data(), g = dx.data();
		for (int p = 0; p < s[0] * s[1]; p++) {
			int in0 = p * h * w;
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					int oi = (p * oh + oy) * ow + ox;
					if (max) {
						if (argmax[oi] >= 0) g[in0 + argmax[oi]] += d[oi];
						continue;
					}
					int y0 = oy * sh - top, x0 = ox * sw - left, count = 0;
					for (int ky = 0; ky < kh; ky++) {
						int iy = y0 + ky * dh;
						boolean rowInPad = iy >= -top && iy < h + bottom;
						for (int kx = 0; kx < kw; kx++) {
							int ix = x0 + kx * dw;
							if (iy < 0 || iy >= h || ix < 0 || ix >= w) { if (countIncludePad && rowInPad && ix >= -left && ix < w + right) count++; }
							else count++;
						}
					}
					if (count == 0) continue;
					float share = d[oi] / count;
					for (int ky = 0; ky < kh; ky++) {
						int iy = y0 + ky * dh;
						if (iy < 0 || iy >= h) continue;
						for (int kx = 0; kx < kw; kx++) {
							int ix = x0 + kx * dw;
							if (ix >= 0 && ix < w) g[in0 + iy * w + ix] += share;
						}
					}
				}
		}
		return new Tensor[] { dx };
	}

	@Override public ReceptiveField receptiveField(ReceptiveField... in) { return in[0].window(dh * (kh - 1) + 1, sh); }

	@Override public void clearCache() { inputShape = null; argmax = null; }
}
