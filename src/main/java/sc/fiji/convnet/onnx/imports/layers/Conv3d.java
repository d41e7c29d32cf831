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
 * 3-D convolution (ONNX Conv on N×C×D×H×W) with stride, dilation, zero pads per side, groups and bias, by direct
 * loops: the engine's fast kernels are 2-D, and 3-D models are rare here. Weights are C_out×(C_in/groups)×KD×KH×KW.
 */
public final class Conv3d extends Layer {

	private final int cin, cout, groups;
	private final int[] k, stride, dilation, pads; // pads: begin d, h, w then end d, h, w
	private final Parameter weight, bias;
	private Tensor input;

	public Conv3d(int cin, int cout, int[] kernel, int[] stride, int[] dilation, int[] pads, int groups, boolean hasBias) {
		if (cin % groups != 0 || cout % groups != 0)
			throw new IllegalArgumentException("Conv3d: " + groups + " groups do not divide C_in=" + cin + " and C_out=" + cout);
		this.cin = cin; this.cout = cout; this.groups = groups;
		this.k = kernel.clone(); this.stride = stride.clone(); this.dilation = dilation.clone(); this.pads = pads.clone();
		weight = new Parameter("weight", Initializer.heNormal(cin / groups * k[0] * k[1] * k[2]), true, cout, cin / groups, k[0], k[1], k[2]);
		bias = hasBias ? new Parameter("bias", Initializer.constant(0), true, cout) : null;
	}

	public Parameter weight() { return weight; }
	public Parameter biasParameter() { return bias; }

	@Override public String type() { return "OnnxConv3d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("in", cin); o.addProperty("out", cout); o.addProperty("groups", groups); o.addProperty("bias", bias != null);
		o.add("kernel", array(k)); o.add("stride", array(stride)); o.add("dilation", array(dilation)); o.add("pads", array(pads));
		return o;
	}

	public static Conv3d fromConfig(JsonObject o) {
		return new Conv3d(o.get("in").getAsInt(), o.get("out").getAsInt(), ints(o, "kernel"), ints(o, "stride"), ints(o, "dilation"),
				ints(o, "pads"), o.get("groups").getAsInt(), o.get("bias").getAsBoolean());
	}

	@Override
	public List<Parameter> parameters() {
		return weightAndBias(weight, bias);
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		if (s.length != 5 || s[1] != cin) throw error("expects N×" + cin + "×D×H×W, got " + Arrays.toString(s));
		int[] o = { s[0], cout, 0, 0, 0 };
		for (int a = 0; a < 3; a++) {
			int room = s[2 + a] + pads[a] + pads[a + 3] - dilation[a] * (k[a] - 1) - 1;
			if (room < 0) throw error("kernel " + Arrays.toString(k) + " does not fit the padded input " + Arrays.toString(s));
			o[2 + a] = room / stride[a] + 1;
		}
		return o;
	}

	/** Visits every (output, input, weight) triple; mode 0 forward, 1 input gradient, 2 weight gradient. */
	private void sweep(int[] s, int[] o, float[] x, float[] w, float[] y, int mode) {
		int cig = cin / groups, cog = cout / groups;
		int D = s[2], H = s[3], W = s[4], OD = o[2], OH = o[3], OW = o[4];
		for (int n = 0; n < s[0]; n++)
			for (int co = 0; co < cout; co++) {
				int gi = co / cog;
				for (int od = 0; od < OD; od++)
					for (int oh = 0; oh < OH; oh++)
						for (int ow = 0; ow < OW; ow++) {
							int oi = (((n * cout + co) * OD + od) * OH + oh) * OW + ow;
							double acc = 0;
							for (int c = 0; c < cig; c++) {
								int ci = gi * cig + c;
								for (int kd = 0; kd < k[0]; kd++) {
									int id = od * stride[0] - pads[0] + kd * dilation[0];
									if (id < 0 || id >= D) continue;
									for (int kh = 0; kh < k[1]; kh++) {
										int ih = oh * stride[1] - pads[1] + kh * dilation[1];
										if (ih < 0 || ih >= H) continue;
										for (int kw = 0; kw < k[2]; kw++) {
											int iw = ow * stride[2] - pads[2] + kw * dilation[2];
											if (iw < 0 || iw >= W) continue;
											int xi = (((n * cin + ci) * D + id) * H + ih) * W + iw;
											int wi = (((co * cig + c) * k[0] + kd) * k[1] + kh) * k[2] + kw;
											switch (mode) {
											case 0 -> acc += (double) x[xi] * w[wi];
											case 1 -> x[xi] += y[oi] * w[wi];
											default -> w[wi] += y[oi] * x[xi];
											}
										}
									}
								}
							}
							if (mode == 0) y[oi] = (float) acc;
						}
			}
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		Tensor y = Tensor.zeros(o);
		sweep(s, o, inputs[0].data(), weight.value().data(), y.data(), 0);
		if (bias != null) {
			float[] b = bias.value().data(), yd = y.data();
			int plane = o[2] * o[3] * o[4];
			for (int i = 0; i < yd.length; i++) yd[i] += b[(i / plane) % cout];
		}
		input = phase.records() ? inputs[0] : null;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		int[] s = input.shape(), o = outputShape(s);
		if (!Arrays.equals(dy.shape(), o)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(o));
		Tensor dx = Tensor.zeros(s);
		sweep(s, o, dx.data(), weight.value().data(), dy.data(), 1);
		sweep(s, o, input.data(), weight.grad().data(), dy.data(), 2);
		if (bias != null) {
			float[] db = bias.grad().data(), d = dy.data();
			int plane = o[2] * o[3] * o[4];
			for (int i = 0; i < d.length; i++) db[(i / plane) % cout] += d[i];
		}
		return new Tensor[] { dx };
	}

	@Override public void clearCache() { input = null; }
}
