package sc.fiji.convnet.engine.layers;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Transposed ("up-") convolution (Bishop §10.5.3, Fig. 10.16): every input value scatters a weighted
 * copy of the kernel into the output, overlaps summed. It is exactly the input-gradient of a
 * convolution, so the forward pass uses the kernels' backwardInput and the backward pass their forward.
 * Weights are C_in×(C_out/groups)×KH×KW (PyTorch/ONNX layout). Output size
 * (H−1)·S − padTop − padBottom + D·(K−1) + 1 + outputPadding.
 */
public final class ConvTranspose2d extends Layer {

	private final int cin, cout, kh, kw;
	private int strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
	private int padTop, padLeft, padBottom, padRight, outPadH, outPadW;
	private int groups = 1;
	private boolean hasBias = true;
	private Parameter weight, bias;

	private Tensor input;
	private float[] weightWorkspace;
	private boolean directAllowed = true;

	public ConvTranspose2d(int cin, int cout, int kernel) { this(cin, cout, kernel, kernel); }

	public ConvTranspose2d(int cin, int cout, int kh, int kw) {
		if (cin <= 0 || cout <= 0 || kh <= 0 || kw <= 0)
			throw new IllegalArgumentException("ConvTranspose2d: channels and kernel size must be positive, got " + cin + "→" + cout + ", " + kh + "×" + kw);
		this.cin = cin; this.cout = cout; this.kh = kh; this.kw = kw;
		makeParameters();
	}

	private void makeParameters() {
		if (cin % groups != 0 || cout % groups != 0)
			throw error(groups + " groups do not divide C_in=" + cin + " and C_out=" + cout);
		// each output unit receives about cin/groups · K²/S² contributions; He on the kernel fan-in is the usual choice
		int fanIn = cin / groups * kh * kw;
		weight = new Parameter("weight", Initializer.heNormal(fanIn), true, cin, cout / groups, kh, kw);
		bias = hasBias ? new Parameter("bias", Initializer.constant(0), true, cout) : null;
	}

	public ConvTranspose2d stride(int s) { return stride(s, s); }
	public ConvTranspose2d stride(int sh, int sw) { strideH = sh; strideW = sw; return this; }
	public ConvTranspose2d dilation(int dh, int dw) { dilationH = dh; dilationW = dw; return this; }
	public ConvTranspose2d padding(int p) { return padding(p, p, p, p); }
	public ConvTranspose2d padding(int top, int left, int bottom, int right) {
		padTop = top; padLeft = left; padBottom = bottom; padRight = right; return this;
	}
	public ConvTranspose2d outputPadding(int oh, int ow) { outPadH = oh; outPadW = ow; return this; }
	public ConvTranspose2d groups(int g) {
		if (g <= 0) throw error("groups must be positive, got " + g);
		groups = g; makeParameters(); return this;
	}
	public ConvTranspose2d bias(boolean b) { hasBias = b; makeParameters(); return this; }

	public Parameter weight() { return weight; }
	public Parameter biasParameter() { return bias; }

	@Override public String type() { return "ConvTranspose2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("in", cin); o.addProperty("out", cout);
		o.add("kernel", array(kh, kw)); o.add("stride", array(strideH, strideW));
		o.add("dilation", array(dilationH, dilationW)); o.add("padding", array(padTop, padLeft, padBottom, padRight));
		o.add("outputPadding", array(outPadH, outPadW));
		o.addProperty("groups", groups); o.addProperty("bias", hasBias);
		return o;
	}

	public static ConvTranspose2d fromConfig(JsonObject o) {
		int[] k = ints(o, "kernel"), s = ints(o, "stride"), d = ints(o, "dilation"), p = ints(o, "padding"), op = ints(o, "outputPadding");
		return new ConvTranspose2d(o.get("in").getAsInt(), o.get("out").getAsInt(), k[0], k[1])
				.stride(s[0], s[1]).dilation(d[0], d[1]).padding(p[0], p[1], p[2], p[3]).outputPadding(op[0], op[1])
				.groups(o.get("groups").getAsInt()).bias(o.get("bias").getAsBoolean());
	}

	@Override
	public List<Parameter> parameters() {
		return weightAndBias(weight, bias);
	}

	/** The geometry of the convolution whose input-gradient this layer computes: its input is our output. */
	private ConvGeometry geometry(int[] s) {
		requireChannels(s, cin);
		if (outPadH >= strideH && outPadH >= dilationH || outPadW >= strideW && outPadW >= dilationW)
			throw error("output padding " + outPadH + "×" + outPadW + " must be smaller than the stride or dilation");
		int oh = (s[2] - 1) * strideH - padTop - padBottom + dilationH * (kh - 1) + 1 + outPadH;
		int ow = (s[3] - 1) * strideW - padLeft - padRight + dilationW * (kw - 1) + 1 + outPadW;
		if (oh <= 0 || ow <= 0)
			throw error("input " + Arrays.toString(s) + " gives an empty output " + oh + "×" + ow);
		ConvGeometry g;
		try {
			g = new ConvGeometry(s[0], cout, oh, ow, cin, kh, kw, strideH, strideW, dilationH, dilationW,
					padTop, padLeft, padBottom, padRight, groups);
		} catch (IllegalArgumentException e) {
			throw error("input " + Arrays.toString(s) + ": " + e.getMessage());
		}
		if (g.oh != s[2] || g.ow != s[3])
			throw error("input " + Arrays.toString(s) + " is inconsistent with output " + oh + "×" + ow);
		return g;
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		ConvGeometry g = geometry(in[0]);
		return new int[] { g.n, cout, g.h, g.w };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		ConvGeometry g = geometry(inputs[0].shape());
		Tensor y = buffer(0, g.n, cout, g.h, g.w); // the kernels overwrite it
		NonOverlappingTransposedConv direct = nonOverlapping(inputs[0].shape());
		if (direct != null) {
			direct.forward(inputs[0].data(), weight.value().data(), bias == null ? null : bias.value().data(), y.data());
			input = phase.records() ? inputs[0] : null;
			return y;
		}
		Kernels.best().backwardInput(g, inputs[0].data(), weight.value().data(), y.data(), Kernels.defaultThreads());
		if (bias != null) {
			float[] b = bias.value().data(), yd = y.data();
			int plane = g.h * g.w;
			Loops.tasks(g.n * cout, t -> {
				float bc = b[t % cout];
				for (int i = t * plane, end = i + plane; i < end; i++) yd[i] += bc;
			});
		}
		input = phase.records() ? inputs[0] : null;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		ConvGeometry g = geometry(input.shape());
		if (!Arrays.equals(dy.shape(), new int[] { g.n, cout, g.h, g.w }))
			throw error("output gradient " + dy.shapeString() + " does not match the output of input " + input.shapeString());
		int threads = Kernels.defaultThreads();
		Tensor dx = buffer(1, input.shape()); // the kernels overwrite it
		if (weightWorkspace == null || weightWorkspace.length != (int) weight.size()) weightWorkspace = new float[(int) weight.size()];
		Kernels.best().forward(g, dy.data(), weight.value().data(), null, dx.data(), threads);
		Kernels.best().backwardWeights(g, dy.data(), input.data(), weightWorkspace, null, threads);
		Conv2d.addInto(weight.grad().data(), weightWorkspace);
		if (bias != null) {
			float[] db = bias.grad().data(), d = dy.data();
			int plane = g.h * g.w;
			// per channel, samples in order: the same sums whatever the number of threads
			Loops.tasks(cout, c -> {
				for (int n = 0; n < g.n; n++) {
					int off = (n * cout + c) * plane;
					double s = 0;
					for (int i = 0; i < plane; i++) s += d[off + i];
					db[c] += (float) s;
				}
			});
		}
		return new Tensor[] { dx };
	}

	/** The direct forward pass where stride = kernel without padding, dilation or groups (U-Net up-sampling), else null. */
	private NonOverlappingTransposedConv nonOverlapping(int[] s) {
		if (strideH != kh || strideW != kw || dilationH != 1 || dilationW != 1 || groups != 1 || outPadH != 0 || outPadW != 0
				|| padTop != 0 || padLeft != 0 || padBottom != 0 || padRight != 0 || !directAllowed)
			return null;
		return new NonOverlappingTransposedConv(s[0], cin, cout, s[2], s[3], kh, kw);
	}

	/** For tests: {@code false} sends every geometry through the general kernels. */
	ConvTranspose2d direct(boolean allowed) { directAllowed = allowed; return this; }

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) {
		int span = (dilationH * (kh - 1) + strideH) / strideH; // input units that reach one output unit, ⌈K_eff/S⌉
		return in[0].upsample(span, strideH);
	}

	@Override public void clearCache() { input = null; }

	@Override
	public void releaseBuffers() {
		super.releaseBuffers();
		weightWorkspace = null;
	}
}
