package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * ONNX MaxPool / AveragePool on N×C×D×H×W, with the rules of {@link Pool2d} (dilation, pads per side, ceil mode,
 * divisor with or without padded cells), by direct loops.
 */
public final class Pool3d extends Layer {

	private final boolean max, ceil, countIncludePad;
	private final int[] k, stride, dilation, pads; // pads: begin d, h, w then end d, h, w
	private int[] inputShape, argmax;

	public Pool3d(boolean max, int[] kernel, int[] stride, int[] dilation, int[] pads, boolean ceil, boolean countIncludePad) {
		this.max = max; this.ceil = ceil; this.countIncludePad = countIncludePad;
		this.k = kernel.clone(); this.stride = stride.clone(); this.dilation = dilation.clone(); this.pads = pads.clone();
	}

	@Override public String type() { return "OnnxPool3d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("max", max); o.addProperty("ceil", ceil); o.addProperty("countIncludePad", countIncludePad);
		o.add("kernel", array(k)); o.add("stride", array(stride)); o.add("dilation", array(dilation)); o.add("pads", array(pads));
		return o;
	}

	public static Pool3d fromConfig(JsonObject o) {
		return new Pool3d(o.get("max").getAsBoolean(), ints(o, "kernel"), ints(o, "stride"), ints(o, "dilation"), ints(o, "pads"),
				o.get("ceil").getAsBoolean(), o.get("countIncludePad").getAsBoolean());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		if (s.length != 5) throw error("expects N×C×D×H×W, got " + Arrays.toString(s));
		int[] o = { s[0], s[1], 0, 0, 0 };
		for (int a = 0; a < 3; a++) {
			o[2 + a] = Pool2d.outputSize(s[2 + a], k[a], stride[a], dilation[a], pads[a], pads[a + 3], ceil);
			if (o[2 + a] <= 0) throw error("window " + Arrays.toString(k) + " does not fit the padded input " + Arrays.toString(s));
		}
		return o;
	}

	/** forward: y from x (and argmax); backward: dx from dy. */
	private void sweep(int[] s, int[] o, float[] src, float[] dst, boolean forward) {
		int D = s[2], H = s[3], W = s[4], OD = o[2], OH = o[3], OW = o[4], in = D * H * W;
		for (int p = 0; p < s[0] * s[1]; p++)
			for (int od = 0; od < OD; od++)
				for (int oh = 0; oh < OH; oh++)
					for (int ow = 0; ow < OW; ow++) {
						int oi = ((p * OD + od) * OH + oh) * OW + ow;
						if (max && !forward) { if (argmax[oi] >= 0) dst[p * in + argmax[oi]] += src[oi]; continue; }
						float best = Float.NEGATIVE_INFINITY;
						int bestAt = -1, count = 0;
						double sum = 0;
						for (int pass = 0; pass < (forward || max ? 1 : 2); pass++)
							for (int kd = 0; kd < k[0]; kd++) {
								int id = od * stride[0] - pads[0] + kd * dilation[0];
								for (int kh = 0; kh < k[1]; kh++) {
									int ih = oh * stride[1] - pads[1] + kh * dilation[1];
									for (int kw = 0; kw < k[2]; kw++) {
										int iw = ow * stride[2] - pads[2] + kw * dilation[2];
										boolean inside = id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W;
										if (!inside) {
											boolean inPad = id >= -pads[0] && id < D + pads[3] && ih >= -pads[1] && ih < H + pads[4] && iw >= -pads[2] && iw < W + pads[5];
											if (pass == 0 && countIncludePad && inPad) count++;
											continue;
										}
										int at = (id * H + ih) * W + iw;
										if (pass == 1) { dst[p * in + at] += src[oi] / count; continue; }
										count++;
										if (!forward) continue;
										float v = src[p * in + at];
										if (max) { if (bestAt < 0 || v > best || Float.isNaN(v)) { best = v; bestAt = at; } }
										else sum += v;
									}
								}
							}
						if (forward) {
							dst[oi] = max ? best : count == 0 ? 0 : (float) (sum / count);
							if (argmax != null) argmax[oi] = bestAt;
						}
					}
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		Tensor y = Tensor.zeros(o);
		argmax = max && phase.records() ? new int[y.size()] : null;
		sweep(s, o, inputs[0].data(), y.data(), true);
		inputShape = s;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null || max && argmax == null) throw noCache();
		int[] o = outputShape(inputShape);
		if (!Arrays.equals(dy.shape(), o)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(o));
		Tensor dx = Tensor.zeros(inputShape);
		sweep(inputShape, o, dy.data(), dx.data(), false);
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { inputShape = null; argmax = null; }
}
