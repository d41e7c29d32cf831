package sc.fiji.convnet.engine.layers;

import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.engine.kernels.PackedWeights;
import sc.fiji.convnet.engine.kernels.Rectifier;
import sc.fiji.convnet.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation, Bishop eq. 10.2) with stride, dilation, zero padding per side,
 * groups and an optional bias. Weights are C_out×(C_in/groups)×KH×KW, as in PyTorch and ONNX.
 * The arithmetic is done by {@link Kernels#best()}.
 * <p>
 * Configure with the fluent setters before the first forward pass, e.g.
 * {@code new Conv2d(16, 32, 3).padding(1)}.
 */
public final class Conv2d extends Layer {

	private final int cin, cout, kh, kw;
	private int strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
	private int padTop, padLeft, padBottom, padRight;
	private int groups = 1;
	private boolean hasBias = true;
	private boolean relu; // a ReLU after the convolution, fused in (inference imports)
	private Tensor output; // cached for the fused ReLU's backward pass
	private Parameter weight, bias;

	private PaddingMode paddingMode = PaddingMode.ZEROS;
	private Tensor input; // cached for the weight gradient (the padded copy for reflect/replicate)
	private int[] originalShape;

	/**
	 * How the border is extended: zeros, mirrored without repeating the edge (PyTorch "reflect",
	 * ONNX "reflect"), or the edge value repeated ("replicate", ONNX "edge").
	 */
	public enum PaddingMode { ZEROS, REFLECT, REPLICATE }
	private float[] weightWorkspace, biasWorkspace;
	private PackedWeights packedWeights; // set once the weights are constants: the kernels keep their packed forms

	public Conv2d(int cin, int cout, int kernel) { this(cin, cout, kernel, kernel); }

	public Conv2d(int cin, int cout, int kh, int kw) {
		if (cin <= 0 || cout <= 0 || kh <= 0 || kw <= 0)
			throw new IllegalArgumentException("Conv2d: channels and kernel size must be positive, got " + cin + "→" + cout + ", " + kh + "×" + kw);
		this.cin = cin; this.cout = cout; this.kh = kh; this.kw = kw;
		makeParameters();
	}

	private void makeParameters() {
		if (cin % groups != 0 || cout % groups != 0)
			throw error(groups + " groups do not divide C_in=" + cin + " and C_out=" + cout);
		int fanIn = cin / groups * kh * kw;
		weight = new Parameter("weight", Initializer.heNormal(fanIn), true, cout, cin / groups, kh, kw);
		bias = hasBias ? new Parameter("bias", Initializer.constant(0), true, cout) : null;
	}

	public Conv2d stride(int s) { return stride(s, s); }
	public Conv2d stride(int sh, int sw) { strideH = sh; strideW = sw; return this; }
	public Conv2d dilation(int d) { return dilation(d, d); }
	public Conv2d dilation(int dh, int dw) { dilationH = dh; dilationW = dw; return this; }
	public Conv2d padding(int p) { return padding(p, p, p, p); }
	public Conv2d padding(int top, int left, int bottom, int right) {
		padTop = top; padLeft = left; padBottom = bottom; padRight = right; return this;
	}
	/** Padding that keeps H×W at stride 1 (odd effective kernels only). */
	public Conv2d samePadding() {
		int eh = dilationH * (kh - 1), ew = dilationW * (kw - 1);
		return padding(eh / 2, ew / 2, eh - eh / 2, ew - ew / 2);
	}
	public Conv2d groups(int g) {
		if (g <= 0) throw error("groups must be positive, got " + g);
		groups = g; makeParameters(); return this;
	}
	public Conv2d bias(boolean b) { hasBias = b; makeParameters(); return this; }
	public Conv2d paddingMode(PaddingMode mode) { paddingMode = mode; return this; }
	/** With {@code true} the layer gives max(0, conv(x)): a following ReLU fused in, saving a layer and a pass. */
	public Conv2d relu(boolean r) { relu = r; return this; }
	public boolean relu() { return relu; }

	/**
	 * Declares the weights and bias constants from now on (a copy of a network made for prediction only), so that the
	 * kernels may keep the weights in the order they compute with instead of reordering them on every pass. Changing
	 * the weights afterwards gives stale results.
	 */
	public Conv2d constantWeights() {
		if (packedWeights == null) packedWeights = new PackedWeights();
		return this;
	}
	public PaddingMode paddingMode() { return paddingMode; }

	public Parameter weight() { return weight; }
	public Parameter biasParameter() { return bias; }
	public int inChannels() { return cin; }
	public int outChannels() { return cout; }

	@Override public String type() { return "Conv2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("in", cin); o.addProperty("out", cout);
		o.add("kernel", array(kh, kw)); o.add("stride", array(strideH, strideW));
		o.add("dilation", array(dilationH, dilationW)); o.add("padding", array(padTop, padLeft, padBottom, padRight));
		o.addProperty("groups", groups); o.addProperty("bias", hasBias);
		o.addProperty("paddingMode", paddingMode.name());
		if (relu) o.addProperty("relu", true); // absent in files written before the option
		return o;
	}

	public static Conv2d fromConfig(JsonObject o) {
		int[] k = ints(o, "kernel"), s = ints(o, "stride"), d = ints(o, "dilation"), p = ints(o, "padding");
		return new Conv2d(o.get("in").getAsInt(), o.get("out").getAsInt(), k[0], k[1])
				.stride(s[0], s[1]).dilation(d[0], d[1]).padding(p[0], p[1], p[2], p[3])
				.groups(o.get("groups").getAsInt()).bias(o.get("bias").getAsBoolean())
				.paddingMode(o.has("paddingMode") ? PaddingMode.valueOf(o.get("paddingMode").getAsString()) : PaddingMode.ZEROS)
				.relu(o.has("relu") && o.get("relu").getAsBoolean());
	}

	@Override
	public List<Parameter> parameters() {
		return weightAndBias(weight, bias);
	}

	/** The kernels' geometry; for reflect/replicate padding it describes the explicitly padded input. */
	private ConvGeometry geometry(int[] s) {
		requireChannels(s, cin);
		if (paddingMode == PaddingMode.REFLECT && (Math.max(padTop, padBottom) >= s[2] || Math.max(padLeft, padRight) >= s[3]))
			throw error("reflect padding " + padTop + "," + padLeft + "," + padBottom + "," + padRight + " must be smaller than the input " + Arrays.toString(s));
		try {
			if (paddingMode != PaddingMode.ZEROS)
				return new ConvGeometry(s[0], s[1], s[2] + padTop + padBottom, s[3] + padLeft + padRight, cout, kh, kw,
						strideH, strideW, dilationH, dilationW, 0, 0, 0, 0, groups);
			return new ConvGeometry(s[0], s[1], s[2], s[3], cout, kh, kw, strideH, strideW, dilationH, dilationW,
					padTop, padLeft, padBottom, padRight, groups);
		} catch (IllegalArgumentException e) {
			throw error("input " + Arrays.toString(s) + ": " + e.getMessage());
		}
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		ConvGeometry g = geometry(in[0]);
		return new int[] { g.n, g.cout, g.oh, g.ow };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		ConvGeometry g = geometry(inputs[0].shape());
		Tensor y = buffer(0, g.n, g.cout, g.oh, g.ow); // the kernels overwrite it
		Tensor x = compute(inputs[0], g, y.data(), 0);
		input = phase.records() ? x : null;
		output = phase.records() && relu ? y : null;
		originalShape = inputs[0].shape();
		return y;
	}

	/**
	 * An inference forward pass of one image whose output goes straight into channels {@code firstChannel} on of
	 * {@code whole} (1×C×OH×OW), the output of a concatenation, instead of into an array of its own.
	 */
	public void forwardInto(Tensor input, Tensor whole, int firstChannel) {
		ConvGeometry g = geometry(input.shape());
		int[] s = whole.shape();
		if (g.n != 1 || s.length != 4 || s[0] != 1 || s[2] != g.oh || s[3] != g.ow || firstChannel < 0 || firstChannel + g.cout > s[1])
			throw error("output " + Arrays.toString(new int[] { g.n, g.cout, g.oh, g.ow }) + " does not fit channels " + firstChannel + "… of "
					+ whole.shapeString());
		compute(input, g, whole.data(), firstChannel * g.oh * g.ow);
		this.input = null;
		output = null;
		originalShape = input.shape();
	}

	/** Writes the output for {@code input} into y from index yAt on; returns the input as the kernels read it (padded). */
	private Tensor compute(Tensor input, ConvGeometry g, float[] y, int yAt) {
		Tensor x = paddingMode == PaddingMode.ZEROS ? input : pad(input, g);
		Kernels.best().forwardInto(g, x.data(), weight.value().data(), bias == null ? null : bias.value().data(), y, yAt, threadsFor(g), relu,
				packedWeights);
		return x;
	}

	/**
	 * Multiply-adds below which a forward pass stays on one thread. A 64×64 RGB classifier (layers of 1.8–4.7 M) ran
	 * 0.45 ms per pass with all of them on one thread, 0.53 ms with those over 4 M on two and 0.55 ms with all on two,
	 * even with the crew's spinning hand-over: on planes this small the second thread's share does not pay for the
	 * partial packing and the output that the next layer then reads from the other core's cache.
	 */
	static final long ONE_THREAD_MACS = 1L << 23;

	private static int threadsFor(ConvGeometry g) {
		return g.macs() < ONE_THREAD_MACS ? 1 : Kernels.defaultThreads();
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		ConvGeometry g = geometry(originalShape);
		if (!Arrays.equals(dy.shape(), new int[] { g.n, g.cout, g.oh, g.ow }))
			throw error("output gradient " + dy.shapeString() + " does not match output shape of input " + Arrays.toString(originalShape));
		if (relu) dy = throughRelu(dy);
		Tensor dx = buffer(1, input.shape()); // the kernels overwrite it
		int threads = Kernels.defaultThreads();
		Kernels.best().backwardInput(g, dy.data(), weight.value().data(), dx.data(), threads);
		if (weightWorkspace == null || weightWorkspace.length != (int) weight.size()) weightWorkspace = new float[(int) weight.size()];
		if (bias != null && biasWorkspace == null) biasWorkspace = new float[cout];
		Kernels.best().backwardWeights(g, input.data(), dy.data(), weightWorkspace, bias == null ? null : biasWorkspace, threads);
		addInto(weight.grad().data(), weightWorkspace);
		if (bias != null) addInto(bias.grad().data(), biasWorkspace);
		return new Tensor[] { paddingMode == PaddingMode.ZEROS ? dx : unpad(dx, originalShape) };
	}

	/** Source index of padded coordinate {@code i} (−pad ≤ i &lt; n + pad) under the padding mode. */
	private int source(int i, int n) {
		if (i >= 0 && i < n) return i;
		if (paddingMode == PaddingMode.REPLICATE) return i < 0 ? 0 : n - 1;
		int r = i < 0 ? -i : 2 * (n - 1) - i; // reflect without repeating the edge
		return n == 1 ? 0 : r;
	}

	private Tensor pad(Tensor x, ConvGeometry g) {
		int h = x.dim(2), w = x.dim(3), ph = g.h, pw = g.w, planes = g.n * g.cin;
		Tensor p = Tensor.zeros(g.n, g.cin, ph, pw);
		float[] src = x.data(), dst = p.data();
		int[] col = new int[pw];
		for (int xx = 0; xx < pw; xx++) col[xx] = source(xx - padLeft, w);
		for (int pl = 0; pl < planes; pl++)
			for (int yy = 0; yy < ph; yy++) {
				int row = pl * h * w + source(yy - padTop, h) * w, out = (pl * ph + yy) * pw;
				for (int xx = 0; xx < pw; xx++) dst[out + xx] = src[row + col[xx]];
			}
		return p;
	}

	/** The adjoint of {@link #pad}: gradients of mirrored or repeated cells go back to their source. */
	private Tensor unpad(Tensor dp, int[] s) {
		int h = s[2], w = s[3], ph = dp.dim(2), pw = dp.dim(3), planes = s[0] * s[1];
		Tensor dx = Tensor.zeros(s);
		float[] src = dp.data(), dst = dx.data();
		int[] col = new int[pw];
		for (int xx = 0; xx < pw; xx++) col[xx] = source(xx - padLeft, w);
		for (int pl = 0; pl < planes; pl++)
			for (int yy = 0; yy < ph; yy++) {
				int row = pl * h * w + source(yy - padTop, h) * w, in = (pl * ph + yy) * pw;
				for (int xx = 0; xx < pw; xx++) dst[row + col[xx]] += src[in + xx];
			}
		return dx;
	}

	/** The gradient before the fused ReLU: dy where the output is positive, else 0. */
	private Tensor throughRelu(Tensor dy) {
		float[] y = output.data(), d = dy.data(), g = new float[d.length];
		Rectifier.gradient(y, d, g, d.length, Kernels.defaultThreads());
		return new Tensor(g, dy.shape());
	}

	static void addInto(float[] acc, float[] add) {
		for (int i = 0; i < acc.length; i++) acc[i] += add[i];
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) {
		// reported along the height axis; anisotropic layers are rare
		return in[0].window(dilationH * (kh - 1) + 1, strideH);
	}

	@Override public void clearCache() { input = null; originalShape = null; output = null; }
}
