package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.layers.Activation;
import sc.fiji.convnet.engine.layers.AdaptivePool2d;
import sc.fiji.convnet.engine.layers.AvgPool2d;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ConvTranspose2d;
import sc.fiji.convnet.engine.layers.Elementwise;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.engine.layers.LocalResponseNorm;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.PReLU;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.layers.ResizeBilinear;
import sc.fiji.convnet.engine.layers.Softmax;
import sc.fiji.convnet.engine.layers.UpsampleNearest;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.ImportGraph.Constant;
import sc.fiji.convnet.onnx.imports.ImportGraph.Value;
import sc.fiji.convnet.onnx.imports.layers.BinaryOp;
import sc.fiji.convnet.onnx.imports.layers.BroadcastBinary;
import sc.fiji.convnet.onnx.imports.layers.ConstantArithmetic;
import sc.fiji.convnet.onnx.imports.layers.Conv3d;
import sc.fiji.convnet.onnx.imports.layers.Pool3d;
import sc.fiji.convnet.onnx.imports.layers.Lookup;
import sc.fiji.convnet.onnx.imports.layers.MatMul;
import sc.fiji.convnet.onnx.imports.layers.Reduce;
import sc.fiji.convnet.onnx.imports.layers.Tile;
import sc.fiji.convnet.onnx.imports.layers.Pad;
import sc.fiji.convnet.onnx.imports.layers.Permute;
import sc.fiji.convnet.onnx.imports.layers.Pool2d;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.imports.layers.Slice;
import sc.fiji.convnet.onnx.imports.layers.UnaryMath;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Turns one ONNX node whose first input is computed at run time into engine layers. Each method reads the node's
 * attributes as the operator set in use defines them; anything the engine cannot express exactly throws an
 * {@link UnsupportedOnnxException} naming the operator, the node and the opset.
 */
final class OpTranslator {

	/** The operators with a runtime translation (constants are folded by {@link ConstantFolder}). */
	static final List<String> SUPPORTED = List.of("Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool",
			"GlobalMaxPool", "BatchNormalization", "LRN", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "Tanh", "Softmax",
			"LogSoftmax", "Softplus", "Softsign", "HardSigmoid", "Exp", "Log", "Abs", "Neg", "Sqrt", "Reciprocal", "Clip",
			"Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "ReduceMean", "ReduceSum", "InstanceNormalization", "Tile", "Concat", "Flatten", "Reshape", "Squeeze", "Unsqueeze",
			"Transpose", "Pad", "Resize", "Upsample", "Dropout", "Identity", "Cast", "Shape", "Split", "Slice", "Gather",
			"Constant", "ConstantOfShape");

	private final ImportGraph g;
	private final long opset;
	private OnnxNode n;

	OpTranslator(ImportGraph g) {
		this.g = g;
		this.opset = g.opset;
	}

	UnsupportedOnnxException unsupported(String why) {
		return new UnsupportedOnnxException(n.opType(), n.describe() + " (opset " + opset + "): " + why);
	}

	private ConstTensor constant(int i, String what) {
		if (i >= n.inputs().size() || n.inputs().get(i).isEmpty()) return null;
		Value v = g.get(n, n.inputs().get(i));
		if (v instanceof Constant c) return c.tensor();
		throw unsupported(what + " (input " + i + ") is computed at run time; only constant " + what + " is supported");
	}

	private Computed runtime(int i) {
		Value v = g.get(n, n.inputs().get(i));
		if (v instanceof Computed c) return c;
		throw new IllegalStateException(n.describe() + ": input " + i + " is constant");
	}

	private void out(Computed v) { g.put(n.outputs().get(0), v); }

	private void relabel(Computed x, int[] shape) { out(new Computed(x.node(), shape)); }

	private Computed add(Layer layer, int[] shape, int... from) { return g.add(layer.named(layerName()), shape, from); }

	private String layerName() {
		String s = n.name().isEmpty() ? n.opType().toLowerCase() + "_" + n.outputs().get(0) : n.name();
		return s.replace('/', '_').replaceAll("^_+", "");
	}

	private int[] ints(String attr, int[] dflt) { return n.has(attr) ? n.attribute(attr).asIntArray() : dflt; }

	private static int[] fill(int len, int v) { int[] a = new int[len]; Arrays.fill(a, v); return a; }

	private int axis(int a, int rank) {
		int r = a < 0 ? a + rank : a;
		if (r < 0 || r >= rank) throw unsupported("axis " + a + " outside rank " + rank);
		return r;
	}

	void translate(OnnxNode node) {
		this.n = node;
		Computed x = runtime(0);
		switch (n.opType()) {
		case "Identity", "Dropout", "Cast" -> {
			if (n.opType().equals("Cast") && n.getInt("to", 1) != 1) throw unsupported("cast of a computed tensor to type " + n.getInt("to", 1));
			if (n.opType().equals("Dropout") && n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
				ConstTensor t = constant(2, "training_mode");
				if (t.values()[0] != 0) throw unsupported("training_mode = true");
			}
			if (n.outputs().size() > 1 && g.consumed(n.outputs().get(1)))
				throw unsupported("the dropout mask output '" + n.outputs().get(1) + "' is used; the engine imports Dropout for inference only, as the identity without a mask");
			out(x);
		}
		case "Conv" -> conv(x);
		case "ConvTranspose" -> convTranspose(x);
		case "MaxPool", "AveragePool" -> pool(x, n.opType().equals("MaxPool"));
		case "GlobalAveragePool", "GlobalMaxPool" -> {
			if (x.rank() < 3) throw unsupported("input of rank " + x.rank());
			int[] o = x.shape().clone();
			for (int i = 2; i < o.length; i++) o[i] = 1;
			out(add(n.opType().equals("GlobalMaxPool") ? AdaptivePool2d.globalMax() : new GlobalAvgPool2d(), o, g.as4d(x)));
		}
		case "BatchNormalization" -> batchNorm(x);
		case "LRN" -> {
			if (x.rank() < 3) throw unsupported("input of rank " + x.rank() + " (LRN needs N×C×D1…)");
			if (!n.has("size")) throw unsupported("no size attribute");
			out(add(new LocalResponseNorm((int) n.getInt("size", 1), n.getFloat("alpha", 1e-4f), n.getFloat("beta", 0.75f), n.getFloat("bias", 1f)), x.shape(), x.node()));
		}
		case "Relu" -> out(add(new ReLU(), x.shape(), x.node()));
		case "LeakyRelu" -> out(add(Activation.leakyRelu(n.getFloat("alpha", 0.01f)), x.shape(), x.node()));
		case "Elu" -> out(add(Activation.elu(n.getFloat("alpha", 1f)), x.shape(), x.node()));
		case "Selu" -> {
			if (Math.abs(n.getFloat("alpha", 1.6732632f) - 1.6732632f) > 1e-6 || Math.abs(n.getFloat("gamma", 1.050701f) - 1.050701f) > 1e-6)
				throw unsupported("Selu with non-standard alpha/gamma " + n.attributes().values());
			out(add(Activation.selu(), x.shape(), x.node()));
		}
		case "Sigmoid" -> out(add(Activation.sigmoid(), x.shape(), x.node()));
		case "Tanh" -> out(add(Activation.tanh(), x.shape(), x.node()));
		case "Softplus" -> unary(x, UnaryMath.Kind.SOFTPLUS, 0, 0);
		case "Softsign" -> unary(x, UnaryMath.Kind.SOFTSIGN, 0, 0);
		case "Exp" -> unary(x, UnaryMath.Kind.EXP, 0, 0);
		case "Log" -> unary(x, UnaryMath.Kind.LOG, 0, 0);
		case "Abs" -> unary(x, UnaryMath.Kind.ABS, 0, 0);
		case "Neg" -> unary(x, UnaryMath.Kind.NEG, 0, 0);
		case "Sqrt" -> unary(x, UnaryMath.Kind.SQRT, 0, 0);
		case "Reciprocal" -> unary(x, UnaryMath.Kind.RECIPROCAL, 0, 0);
		case "HardSigmoid" -> unary(x, UnaryMath.Kind.HARD_SIGMOID, n.getFloat("alpha", 0.2f), n.getFloat("beta", 0.5f));
		case "Clip" -> clip(x);
		case "PRelu" -> prelu(x);
		case "Softmax", "LogSoftmax" -> softmax(x, n.opType().equals("LogSoftmax"));
		case "Gemm" -> gemm(x);
		case "MatMul" -> matmul(x);
		case "Add", "Sub", "Mul", "Div", "Pow" -> arithmetic();
		case "Sum" -> sum();
		case "Max", "Min" -> extremum(n.opType().equals("Max") ? BinaryOp.MAX : BinaryOp.MIN);
		case "ReduceMean", "ReduceSum" -> out(reduce(x, reduceAxes(x), n.getInt("keepdims", 1) != 0, n.opType().equals("ReduceMean")));
		case "InstanceNormalization" -> instanceNorm(x);
		case "Tile" -> {
			int[] r = constant(1, "repeats").intValues();
			if (r.length != x.rank()) throw unsupported(r.length + " repeats for an input of rank " + x.rank());
			Tile t = new Tile(r);
			out(add(t, t.outputShape(x.shape()), g.logical(x)));
		}
		case "Concat" -> concat();
		case "Flatten" -> relabel(x, Layouts.flatten(x.shape(), (int) n.getInt("axis", 1)));
		case "Reshape" -> {
			int[] target = opset < 5 ? ints("shape", null) : constant(1, "shape").intValues();
			relabel(x, Layouts.reshape(x.shape(), target, n.getInt("allowzero", 0) != 0));
		}
		case "Squeeze" -> relabel(x, Layouts.squeeze(x.shape(), opset >= 13 ? (n.inputs().size() > 1 ? constant(1, "axes").intValues() : null) : ints("axes", null)));
		case "Unsqueeze" -> relabel(x, Layouts.unsqueeze(x.shape(), opset >= 13 ? constant(1, "axes").intValues() : ints("axes", null)));
		case "Transpose" -> {
			int[] perm = ints("perm", Layouts.reversed(x.rank()));
			int[] o = Layouts.permute(x.shape(), perm);
			if (Layouts.isLayoutNoOp(x.shape(), perm)) relabel(x, o);
			else out(add(new Permute(perm), o, g.logical(x)));
		}
		case "Pad" -> pad(x);
		case "Resize", "Upsample" -> resize(x);
		case "Shape" -> shape(x);
		case "Split" -> split(x);
		case "Slice" -> slice(x);
		case "Gather" -> gather(x);
		default -> throw unsupported("operator not supported by the importer; supported: " + SUPPORTED);
		}
	}

	// ---- convolutions and pooling

	/** Kernel geometry of Conv/ConvTranspose/pools as 2-D (a 1-D op gets H = 1). */
	private record Geometry(int[] kernel, int[] stride, int[] dilation, int[] pads) {}

	private Geometry geometry(Computed x, int[] kernel) {
		int sp = kernel.length;
		if (sp > 3) throw unsupported(sp + "-D " + n.opType());
		if (x.rank() != sp + 2) throw unsupported("input " + Arrays.toString(x.shape()) + " for a " + sp + "-D kernel");
		int[] stride = ints("strides", fill(sp, 1)), dil = ints("dilations", fill(sp, 1)), pads = ints("pads", fill(2 * sp, 0));
		String autoPad = n.getString("auto_pad", "NOTSET");
		if (!autoPad.equals("NOTSET")) {
			pads = new int[2 * sp];
			if (!autoPad.equals("VALID")) {
				if (n.opType().equals("ConvTranspose")) throw unsupported("auto_pad " + autoPad + " for ConvTranspose");
				for (int i = 0; i < sp; i++) {
					int in = x.shape()[2 + i], out = (in + stride[i] - 1) / stride[i];
					int total = Math.max(0, (out - 1) * stride[i] + (kernel[i] - 1) * dil[i] + 1 - in);
					int small = total / 2, big = total - small;
					pads[i] = autoPad.equals("SAME_UPPER") ? small : big;
					pads[i + sp] = autoPad.equals("SAME_UPPER") ? big : small;
				}
			}
		}
		if (sp == 3) return new Geometry(kernel, stride, dil, pads);
		if (sp == 1) return new Geometry(new int[] { 1, kernel[0] }, new int[] { 1, stride[0] }, new int[] { 1, dil[0] }, new int[] { 0, pads[0], 0, pads[1] });
		return new Geometry(kernel, stride, dil, new int[] { pads[0], pads[1], pads[2], pads[3] });
	}

	/** Logical output shape from the 4-D engine shape (1-D ops drop the H = 1 axis again). */
	private static int[] fromEngine(int[] engine, int rank) {
		return rank == 3 ? new int[] { engine[0], engine[1], engine[3] } : engine;
	}

	private void conv(Computed x) {
		ConstTensor w = constant(1, "weight"), b = constant(2, "bias");
		int[] k = Arrays.copyOfRange(w.dims(), 2, w.rank());
		Geometry geo = geometry(x, k);
		int group = (int) n.getInt("group", 1), cin = x.shape()[1], cout = w.dims()[0];
		if (w.dims()[1] * group != cin) throw unsupported("weight " + Arrays.toString(w.dims()) + " with " + group + " groups does not fit input " + Arrays.toString(x.shape()));
		if (k.length == 3) {
			Conv3d c3 = new Conv3d(cin, cout, k, geo.stride(), geo.dilation(), geo.pads(), group, b != null);
			c3.weight().set(w.floats());
			if (b != null) c3.biasParameter().set(b.floats());
			int node = g.logical(x);
			out(add(c3, c3.outputShape(g.engineShape(node)), node));
			return;
		}
		Conv2d c = new Conv2d(cin, cout, geo.kernel()[0], geo.kernel()[1]).stride(geo.stride()[0], geo.stride()[1])
				.dilation(geo.dilation()[0], geo.dilation()[1]).padding(geo.pads()[0], geo.pads()[1], geo.pads()[2], geo.pads()[3])
				.groups(group).bias(b != null);
		c.weight().set(w.floats());
		if (b != null) c.biasParameter().set(b.floats());
		int node = g.as4d(x);
		int[] engine = c.outputShape(g.engineShape(node));
		out(add(c, fromEngine(engine, x.rank()), node));
	}

	private void convTranspose(Computed x) {
		ConstTensor w = constant(1, "weight"), b = constant(2, "bias");
		int[] k = Arrays.copyOfRange(w.dims(), 2, w.rank());
		if (k.length == 3) throw unsupported("3-D ConvTranspose");
		Geometry geo = geometry(x, k);
		int sp = k.length, group = (int) n.getInt("group", 1), cin = x.shape()[1], cout = w.dims()[1] * group;
		int[] outPad = ints("output_padding", fill(sp, 0));
		int[] pads = geo.pads().clone();
		int[] op2 = sp == 1 ? new int[] { 0, outPad[0] } : outPad;
		if (n.has("output_shape")) {
			int[] os = n.attribute("output_shape").asIntArray();
			os = Arrays.copyOfRange(os, os.length - sp, os.length);
			int[] os2 = sp == 1 ? new int[] { 1, os[0] } : os;
			int[] in2 = sp == 1 ? new int[] { 1, x.shape()[2] } : new int[] { x.shape()[2], x.shape()[3] };
			boolean upper = n.getString("auto_pad", "NOTSET").equals("SAME_UPPER");
			for (int i = 0; i < 2; i++) {
				int total = geo.stride()[i] * (in2[i] - 1) + op2[i] + (geo.kernel()[i] - 1) * geo.dilation()[i] + 1 - os2[i];
				if (total < 0) { op2[i] -= total; total = 0; }
				int half = total / 2;
				pads[i] = upper ? half : total - half;
				pads[i + 2] = upper ? total - half : half;
			}
		}
		ConvTranspose2d c = new ConvTranspose2d(cin, cout, geo.kernel()[0], geo.kernel()[1]).stride(geo.stride()[0], geo.stride()[1])
				.dilation(geo.dilation()[0], geo.dilation()[1]).padding(pads[0], pads[1], pads[2], pads[3])
				.outputPadding(op2[0], op2[1]).groups(group).bias(b != null);
		c.weight().set(w.floats());
		if (b != null) c.biasParameter().set(b.floats());
		int node = g.as4d(x);
		out(add(c, fromEngine(c.outputShape(g.engineShape(node)), x.rank()), node));
	}

	private void pool(Computed x, boolean max) {
		if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) throw unsupported("the Indices output of MaxPool");
		if (n.getInt("storage_order", 0) != 0) throw unsupported("storage_order = 1");
		Geometry geo = geometry(x, ints("kernel_shape", null));
		boolean ceil = n.getInt("ceil_mode", 0) != 0, includePad = n.getInt("count_include_pad", 0) != 0;
		int[] k = geo.kernel(), s = geo.stride(), p = geo.pads();
		if (k.length == 3) {
			Pool3d p3 = new Pool3d(max, k, s, geo.dilation(), p, ceil, includePad);
			int node = g.logical(x);
			out(add(p3, p3.outputShape(g.engineShape(node)), node));
			return;
		}
		boolean symmetric = p[0] == p[2] && p[1] == p[3] && p[0] <= k[0] / 2 && p[1] <= k[1] / 2;
		Layer layer;
		if (!ceil && symmetric && geo.dilation()[0] == 1 && geo.dilation()[1] == 1)
			layer = max ? new MaxPool2d(k[0], k[1], s[0], s[1]).padding(p[0], p[1])
					: new AvgPool2d(k[0], k[1], s[0], s[1]).padding(p[0], p[1]).countIncludePad(includePad);
		else layer = new Pool2d(max, k, s, geo.dilation(), p, ceil, includePad);
		int node = g.as4d(x);
		out(add(layer, fromEngine(layer.outputShape(g.engineShape(node)), x.rank()), node));
	}

	private void batchNorm(Computed x) {
		if (n.getInt("training_mode", 0) != 0) throw unsupported("training_mode = 1");
		if (opset < 9 && n.getInt("spatial", 1) == 0) throw unsupported("spatial = 0");
		for (int i = 1; i < n.outputs().size(); i++)
			if (!n.outputs().get(i).isEmpty()) throw unsupported("the running-statistics outputs (training mode)");
		ConstTensor scale = constant(1, "scale"), bias = constant(2, "B"), mean = constant(3, "mean"), var = constant(4, "var");
		int c = x.shape()[1];
		BatchNorm2d bn = new BatchNorm2d(c, n.getFloat("epsilon", 1e-5f), 1 - n.getFloat("momentum", 0.9f));
		bn.gamma().set(scale.floats());
		bn.beta().set(bias.floats());
		bn.runningMean().set(mean.floats());
		bn.runningVar().set(var.floats());
		out(add(bn, x.shape(), g.as4d(x)));
	}

	// ---- element-wise

	private void unary(Computed x, UnaryMath.Kind kind, double a, double b) {
		out(add(new UnaryMath(kind, a, b), x.shape(), x.node()));
	}

	private void clip(Computed x) {
		double lo, hi;
		if (opset < 11) {
			lo = n.getFloat("min", Float.NEGATIVE_INFINITY);
			hi = n.getFloat("max", Float.POSITIVE_INFINITY);
		} else {
			ConstTensor a = constant(1, "min"), b = constant(2, "max");
			lo = a == null ? Double.NEGATIVE_INFINITY : a.values()[0];
			hi = b == null ? Double.POSITIVE_INFINITY : b.values()[0];
		}
		if (lo == 0 && hi == Double.POSITIVE_INFINITY) out(add(new ReLU(), x.shape(), x.node()));
		else unary(x, UnaryMath.Kind.CLIP, lo, hi);
	}

	private void prelu(Computed x) {
		ConstTensor slope = constant(1, "slope");
		int c = x.rank() > 1 ? x.shape()[1] : 1;
		int channels;
		if (slope.size() == 1) channels = 1;
		else if (slope.size() == c && x.rank() >= 2 && (opset < 7 || perChannel(slope.dims(), x.rank()))) channels = c; // before opset 7, a slope of C values is per channel
		else throw unsupported("slope " + Arrays.toString(slope.dims()) + " for input " + Arrays.toString(x.shape()) + " (only one slope or one per channel)");
		PReLU p = new PReLU(channels);
		p.slope().set(slope.floats());
		out(add(p, x.shape(), channels == 1 ? x.node() : g.as4d(x)));
	}

	/** Whether a constant broadcast to rank {@code rank} varies along axis 1 only. */
	private static boolean perChannel(int[] dims, int rank) {
		int off = rank - dims.length;
		for (int i = 0; i < dims.length; i++) if (dims[i] != 1 && i + off != 1) return false;
		return true;
	}

	private void softmax(Computed x, boolean log) {
		int a = axis((int) n.getInt("axis", opset < 13 ? 1 : -1), x.rank());
		boolean flatten = opset < 13;
		out(add(Softmax.alongAxis(a, flatten && a < x.rank() - 1, log), x.shape(), g.logical(x)));
	}

	// ---- fully connected

	private void gemm(Computed x) {
		if (x.rank() != 2) throw unsupported("input A of rank " + x.rank());
		if (g.get(n, n.inputs().get(1)) instanceof Computed b) {
			gemmComputed(x, b);
			return;
		}
		if (n.getInt("transA", 0) != 0) throw unsupported("transA = 1 with a constant B");
		ConstTensor b = constant(1, "B"), c = constant(2, "C");
		float alpha = n.getFloat("alpha", 1), beta = n.getFloat("beta", 1);
		ConstTensor w = n.getInt("transB", 0) != 0 ? b : ConstantFolder.transpose(b, new int[] { 1, 0 });
		int out = w.dims()[0], in = w.dims()[1];
		if (in != x.shape()[1]) throw unsupported("B " + Arrays.toString(b.dims()) + " does not fit A " + Arrays.toString(x.shape()));
		Linear lin = new Linear(in, out, c != null);
		float[] wv = w.floats();
		for (int i = 0; i < wv.length; i++) wv[i] *= alpha;
		lin.weight().set(wv);
		if (c != null) {
			if (c.size() != out && c.size() != 1) throw unsupported("C " + Arrays.toString(c.dims()) + " is not one bias per output");
			float[] bias = new float[out];
			for (int j = 0; j < out; j++) bias[j] = beta * (float) c.values()[c.size() == 1 ? 0 : j];
			lin.biasParameter().set(bias);
		}
		out(add(lin, new int[] { x.shape()[0], out }, g.logical(x)));
	}

	/** Gemm whose B is computed: (transposes) → MatMul → × alpha → + beta·C (C constant or computed). */
	private void gemmComputed(Computed a, Computed b) {
		if (b.rank() != 2) throw unsupported("input B of rank " + b.rank());
		int[] swap = { 1, 0 };
		if (n.getInt("transA", 0) != 0) a = add(new Permute(swap), Layouts.permute(a.shape(), swap), g.logical(a));
		if (n.getInt("transB", 0) != 0) b = add(new Permute(swap), Layouts.permute(b.shape(), swap), g.logical(b));
		if (a.shape()[1] != b.shape()[0]) throw unsupported("A " + Arrays.toString(a.shape()) + " does not fit B " + Arrays.toString(b.shape()));
		int[] o = { a.shape()[0], b.shape()[1] };
		Computed y = add(new MatMul(), o, g.logical(a), g.logical(b));
		float alpha = n.getFloat("alpha", 1), beta = n.getFloat("beta", 1);
		if (alpha != 1) y = add(ConstantArithmetic.of(BinaryOp.MUL, false, false, new float[] { alpha }), o, y.node());
		if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty() && beta != 0) {
			Value c = g.get(n, n.inputs().get(2));
			if (c instanceof Constant k) {
				ConstTensor t = k.tensor();
				float[] v = t.floats();
				for (int i = 0; i < v.length; i++) v[i] *= beta;
				y = add(ConstantArithmetic.of(BinaryOp.ADD, false, t.weight(), v, t.dims()), broadcast(o, t.dims()), y.node());
			} else {
				Computed cc = (Computed) c;
				if (beta != 1) cc = add(ConstantArithmetic.of(BinaryOp.MUL, false, false, new float[] { beta }), cc.shape(), cc.node());
				y = add(new BroadcastBinary(BinaryOp.ADD), broadcast(o, cc.shape()), g.logical(y), g.logical(cc));
			}
		}
		out(y);
	}

	private void matmul(Computed x) {
		ConstTensor b = constant(1, "B");
		if (b.rank() != 2) throw unsupported("B of rank " + b.rank() + " (only a 2-D constant B)");
		if (x.rank() < 2) throw unsupported("A of rank " + x.rank());
		int k = b.dims()[0], m = b.dims()[1];
		if (x.shape()[x.rank() - 1] != k) throw unsupported("A " + Arrays.toString(x.shape()) + " does not fit B " + Arrays.toString(b.dims()));
		Linear lin = new Linear(k, m, false);
		lin.weight().set(ConstantFolder.transpose(b, new int[] { 1, 0 }).floats());
		int rows = Shapes.size(x.shape()) / k;
		int[] o = x.shape().clone();
		o[o.length - 1] = m;
		out(add(lin, o, g.view(x, new int[] { rows, k })));
	}

	// ---- arithmetic

	private static BinaryOp op(String type) {
		return switch (type) { case "Add" -> BinaryOp.ADD; case "Sub" -> BinaryOp.SUB; case "Mul" -> BinaryOp.MUL; case "Div" -> BinaryOp.DIV; default -> BinaryOp.POW; };
	}

	/** Opset < 7 broadcasting: with an axis, B's dims line up from that axis of A rather than from the right. */
	private ConstTensor legacyAlign(ConstTensor c, int rank) {
		if (opset >= 7 || !n.has("axis") || n.getInt("broadcast", 0) == 0) return c;
		int a = axis((int) n.getInt("axis", 0), rank);
		int[] d = new int[rank - a];
		Arrays.fill(d, 1);
		System.arraycopy(c.dims(), 0, d, 0, c.rank());
		return c.reshape(d);
	}

	private void arithmetic() {
		BinaryOp op = op(n.opType());
		Value a = g.get(n, n.inputs().get(0)), b = g.get(n, n.inputs().get(1));
		if (a instanceof Computed x && b instanceof Constant c) {
			ConstTensor t = legacyAlign(c.tensor(), x.rank());
			int[] o = broadcast(x.shape(), t.dims());
			out(add(ConstantArithmetic.of(op, false, t.weight(), t.floats(), t.dims()), o, g.logical(x)));
		} else if (a instanceof Computed x && b instanceof Computed y) {
			int[] o = broadcast(x.shape(), y.shape());
			boolean same = Arrays.equals(x.shape(), y.shape());
			if (same && op != BinaryOp.DIV && op != BinaryOp.POW) {
				Layer e = op == BinaryOp.ADD ? Elementwise.add() : op == BinaryOp.SUB ? Elementwise.sub() : Elementwise.mul();
				int na = same && Arrays.equals(g.engineShape(x.node()), g.engineShape(y.node())) ? x.node() : g.logical(x);
				int nb = na == x.node() ? y.node() : g.logical(y);
				out(add(e, o, na, nb));
			} else out(add(new BroadcastBinary(op), o, g.logical(x), g.logical(y)));
		}
		else throw new IllegalStateException(n.describe() + ": first operand constant, second not handled here");
	}

	/** Constant first operand, computed second (c − x, c / x …). */
	void translateConstantFirst(OnnxNode node, ConstTensor c, Computed x) {
		this.n = node;
		BinaryOp op = op(n.opType());
		int[] o = broadcast(x.shape(), c.dims());
		out(add(ConstantArithmetic.of(op, true, c.weight(), c.floats(), c.dims()), o, g.logical(x)));
	}

	/** Gather from a constant table with computed indices: an embedding lookup. */
	void translateLookup(OnnxNode node, ConstTensor table, Computed indices) {
		this.n = node;
		if (axis((int) n.getInt("axis", 0), table.rank()) != 0) throw unsupported("Gather of a constant along axis " + n.getInt("axis", 0) + " with computed indices");
		Lookup l = new Lookup(table.weight(), table.dims());
		l.table().set(table.floats());
		int[] o = Arrays.copyOf(indices.shape(), indices.rank() + table.rank() - 1);
		System.arraycopy(table.dims(), 1, o, indices.rank(), table.rank() - 1);
		out(add(l, o, g.logical(indices)));
	}

	private int[] broadcast(int[] a, int[] b) {
		int[] o = Shapes.broadcast(a, b);
		if (o == null) throw unsupported("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
		return o;
	}

	private void sum() {
		List<Computed> xs = computedInputs();
		int[] s = xs.get(0).shape();
		int[] nodes = new int[xs.size()];
		for (int i = 0; i < nodes.length; i++) {
			if (!Arrays.equals(xs.get(i).shape(), s)) throw unsupported("Sum of differently shaped inputs");
			nodes[i] = g.logical(xs.get(i));
		}
		out(nodes.length == 1 ? xs.get(0) : add(Elementwise.add(), s, nodes));
	}

	/** Max or Min of any number of inputs, computed or constant (the first is computed). */
	private void extremum(BinaryOp op) {
		Computed y = runtime(0);
		for (int i = 1; i < n.inputs().size(); i++) {
			Value v = g.get(n, n.inputs().get(i));
			if (v instanceof Constant c) {
				ConstTensor t = c.tensor();
				y = add(ConstantArithmetic.of(op, false, t.weight(), t.floats(), t.dims()), broadcast(y.shape(), t.dims()), g.logical(y));
			} else {
				Computed b = (Computed) v;
				y = add(new BroadcastBinary(op), broadcast(y.shape(), b.shape()), g.logical(y), g.logical(b));
			}
		}
		out(y);
	}

	/** The axes of ReduceMean/ReduceSum (an attribute before opset 18, an input from 18; none: all axes). */
	private int[] reduceAxes(Computed x) {
		int[] axes = opset < 18 ? ints("axes", null) : constant(1, "axes") == null ? null : constant(1, "axes").intValues();
		if (axes == null || axes.length == 0) {
			if (opset >= 18 && n.getInt("noop_with_empty_axes", 0) != 0) return new int[0];
			axes = new int[x.rank()];
			for (int i = 0; i < axes.length; i++) axes[i] = i;
		}
		int[] r = new int[axes.length];
		for (int i = 0; i < r.length; i++) r[i] = axis(axes[i], x.rank());
		return r;
	}

	private Computed reduce(Computed x, int[] axes, boolean keep, boolean mean) {
		Reduce r = new Reduce(axes, mean);
		int[] kept = r.outputShape(x.shape());
		int[] o = kept;
		if (!keep) {
			boolean[] reduced = new boolean[x.rank()];
			for (int a : axes) reduced[a] = true;
			o = new int[x.rank()];
			int j = 0;
			for (int d = 0; d < x.rank(); d++) if (!reduced[d]) o[j++] = kept[d];
			o = Arrays.copyOf(o, j);
		}
		return add(r, o, g.logical(x));
	}

	/**
	 * InstanceNormalization from layers that have backward passes: (x − mean) · (var + ε)^−½ · scale + B, with mean and
	 * variance over the spatial axes of each sample and channel.
	 */
	private void instanceNorm(Computed x) {
		if (x.rank() < 3) throw unsupported("input of rank " + x.rank());
		ConstTensor scale = constant(1, "scale"), bias = constant(2, "B");
		int[] spatial = new int[x.rank() - 2];
		for (int i = 0; i < spatial.length; i++) spatial[i] = i + 2;
		int[] s = x.shape(), perChannel = new int[x.rank()];
		Arrays.fill(perChannel, 1);
		perChannel[1] = s[1];
		Computed mean = reduce(x, spatial, true, true);
		Computed d = add(new BroadcastBinary(BinaryOp.SUB), s, g.logical(x), g.logical(mean));
		Computed sq = add(ConstantArithmetic.of(BinaryOp.POW, false, false, new float[] { 2 }), s, d.node());
		Computed var = reduce(sq, spatial, true, true);
		Computed eps = add(ConstantArithmetic.of(BinaryOp.ADD, false, false, new float[] { n.getFloat("epsilon", 1e-5f) }), var.shape(), var.node());
		Computed inv = add(ConstantArithmetic.of(BinaryOp.POW, false, false, new float[] { -0.5f }), var.shape(), eps.node());
		Computed norm = add(new BroadcastBinary(BinaryOp.MUL), s, g.logical(d), g.logical(inv));
		Computed scaled = add(ConstantArithmetic.of(BinaryOp.MUL, false, scale.weight(), scale.floats(), perChannel), s, g.logical(norm));
		out(add(ConstantArithmetic.of(BinaryOp.ADD, false, bias.weight(), bias.floats(), perChannel), s, scaled.node()));
	}

	private List<Computed> computedInputs() {
		List<Computed> xs = new ArrayList<>();
		for (String in : n.inputs()) {
			Value v = g.get(n, in);
			if (!(v instanceof Computed c)) throw unsupported("a mix of computed and constant inputs");
			xs.add(c);
		}
		return xs;
	}

	// ---- layout

	private void concat() {
		List<Computed> xs = computedInputs();
		int rank = xs.get(0).rank();
		int a = axis((int) n.getInt("axis", opset < 4 ? 1 : 0), rank);
		int[] o = xs.get(0).shape().clone();
		o[a] = 0;
		for (Computed x : xs) o[a] += x.shape()[a];
		int outer = Shapes.product(o, 0, a), inner = Shapes.product(o, a + 1, rank);
		int[] nodes = new int[xs.size()];
		boolean channels4d = rank == 4 && a == 1;
		for (int i = 0; i < nodes.length; i++) {
			Computed x = xs.get(i);
			// the engine concatenates channels of 4-D tensors; any other axis becomes the channel axis of outer×len×1×inner
			nodes[i] = channels4d ? g.logical(x) : g.view(x, new int[] { outer, x.shape()[a], 1, inner });
		}
		out(add(new Concat(), o, nodes));
	}

	private void pad(Computed x) {
		String mode = n.getString("mode", "constant");
		int[] pads;
		float value;
		int[] axes = null;
		if (opset < 11) {
			pads = ints(opset < 2 ? "paddings" : "pads", null);
			value = n.getFloat("value", 0);
		} else {
			pads = constant(1, "pads").intValues();
			ConstTensor v = constant(2, "constant_value");
			value = v == null ? 0 : (float) v.values()[0];
			ConstTensor ax = n.inputs().size() > 3 ? constant(3, "axes") : null;
			if (ax != null) axes = ax.intValues();
		}
		int r = x.rank();
		int[] begin = new int[r], end = new int[r];
		int count = axes == null ? r : axes.length;
		if (pads.length != 2 * count) throw unsupported(pads.length + " pads for " + count + " axes");
		for (int i = 0; i < count; i++) {
			int a = axes == null ? i : axis(axes[i], r);
			begin[a] = pads[i];
			end[a] = pads[i + count];
		}
		Pad.Mode m = switch (mode) {
		case "constant" -> Pad.Mode.CONSTANT;
		case "reflect" -> Pad.Mode.REFLECT;
		case "edge" -> Pad.Mode.EDGE;
		default -> throw unsupported("pad mode '" + mode + "'");
		};
		int[] o = x.shape().clone();
		for (int i = 0; i < r; i++) o[i] += begin[i] + end[i];
		out(add(new Pad(begin, end, m, value), o, g.logical(x)));
	}

	private void resize(Computed x) {
		if (x.rank() != 4) throw unsupported("input of rank " + x.rank() + " (only N×C×H×W)");
		String mode = n.getString("mode", "nearest");
		double[] scales = null;
		int[] sizes = null;
		if (n.opType().equals("Upsample") && opset < 9) scales = toDoubles(n.getFloats("scales", null));
		else if (n.opType().equals("Upsample") || opset == 10) scales = constant(1, "scales").values();
		else {
			ConstTensor sc = constant(2, "scales"), sz = n.inputs().size() > 3 ? constant(3, "sizes") : null;
			if (sz != null && sz.size() > 0) sizes = sz.intValues();
			else if (sc != null && sc.size() > 0) scales = sc.values();
			else throw unsupported("neither scales nor sizes");
			if (n.has("axes")) throw unsupported("the axes attribute");
			if (n.getInt("antialias", 0) != 0) throw unsupported("antialias = 1");
		}
		int[] s = x.shape();
		int oh, ow;
		if (scales != null) {
			if (scales.length != 4 || scales[0] != 1 || scales[1] != 1) throw unsupported("scales " + Arrays.toString(scales) + " (only H and W may change)");
			oh = (int) Math.floor(s[2] * scales[2]);
			ow = (int) Math.floor(s[3] * scales[3]);
		} else {
			if (sizes.length != 4 || sizes[0] != s[0] || sizes[1] != s[1]) throw unsupported("sizes " + Arrays.toString(sizes) + " (only H and W may change)");
			oh = sizes[2];
			ow = sizes[3];
		}
		String coord = n.getString("coordinate_transformation_mode", opset >= 11 && n.opType().equals("Resize") ? "half_pixel" : "asymmetric");
		int[] o = { s[0], s[1], oh, ow };
		Layer layer;
		if (mode.equals("nearest")) {
			if (oh % s[2] != 0 || ow % s[3] != 0) throw unsupported("nearest resize by a non-integer factor " + s[2] + "×" + s[3] + " → " + oh + "×" + ow);
			int fh = oh / s[2], fw = ow / s[3];
			String nearest = n.getString("nearest_mode", "round_prefer_floor");
			boolean ok = switch (coord) {
			case "half_pixel", "pytorch_half_pixel" -> !nearest.equals("ceil") || (fh == 1 && fw == 1);
			case "asymmetric" -> nearest.equals("floor") || opset < 11 || Math.max(fh, fw) <= 2 && !nearest.equals("round_prefer_ceil") && !nearest.equals("ceil");
			default -> false;
			};
			if (!ok) throw unsupported("nearest resize with coordinate_transformation_mode '" + coord + "' and nearest_mode '" + nearest + "'");
			layer = new UpsampleNearest(fh, fw);
		} else if (mode.equals("linear") || mode.equals("bilinear")) {
			if (!coord.equals("half_pixel") && !(coord.equals("pytorch_half_pixel") && oh > 1 && ow > 1))
				throw unsupported("linear resize with coordinate_transformation_mode '" + coord + "' (only half_pixel)");
			layer = scales != null ? ResizeBilinear.scale(scales[2], scales[3]) : ResizeBilinear.size(oh, ow);
		} else throw unsupported("resize mode '" + mode + "'");
		out(add(layer, o, g.logical(x)));
	}

	private static double[] toDoubles(float[] f) {
		if (f == null) return null;
		double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++) d[i] = f[i];
		return d;
	}

	private void shape(Computed x) {
		int r = x.rank();
		int start = (int) n.getInt("start", 0), end = (int) n.getInt("end", r);
		if (start < 0) start += r;
		if (end < 0) end += r;
		start = Math.max(0, Math.min(r, start));
		end = Math.max(start, Math.min(r, end));
		long[] d = new long[end - start];
		for (int i = start; i < end; i++) d[i - start] = x.shape()[i];
		g.put(n.outputs().get(0), new Constant(ConstTensor.ints(d)));
	}

	private void split(Computed x) {
		int a = axis((int) n.getInt("axis", 0), x.rank());
		int parts = n.outputs().size(), len = x.shape()[a];
		int[] sizes;
		if (opset < 13 && n.has("split")) sizes = ints("split", null);
		else if (opset >= 13 && n.inputs().size() > 1 && !n.inputs().get(1).isEmpty()) sizes = constant(1, "split").intValues();
		else {
			sizes = new int[parts];
			int each = (len + parts - 1) / parts;
			for (int i = 0; i < parts; i++) sizes[i] = Math.min(each, len - i * each);
		}
		int node = g.logical(x), start = 0;
		for (int i = 0; i < parts; i++) {
			int[] o = x.shape().clone();
			o[a] = sizes[i];
			Computed part = g.add(new Slice(a, start, sizes[i]).named(layerName() + "_" + i), o, node);
			g.put(n.outputs().get(i), part);
			start += sizes[i];
		}
	}

	private void slice(Computed x) {
		List<ConstTensor> in = new ArrayList<>();
		in.add(null);
		for (int i = 1; i < n.inputs().size(); i++) in.add(constant(i, "slice bounds"));
		int[][] r = ConstantFolder.sliceRanges(n, in, opset, x.shape());
		Computed cur = x;
		for (int a = 0; a < r.length; a++) {
			int len = r[a][1] - r[a][0];
			if (r[a][0] == 0 && len == x.shape()[a] && r[a][2] == 1) continue;
			if (r[a][2] != 1) throw unsupported("step " + r[a][2] + " (only step 1 on computed tensors)");
			if (len <= 0) throw unsupported("an empty slice");
			int[] o = cur.shape().clone();
			o[a] = len;
			cur = g.add(new Slice(a, r[a][0], len).named(layerName() + "_axis" + a), o, g.logical(cur));
		}
		out(cur);
	}

	private void gather(Computed x) {
		ConstTensor idx = constant(1, "indices");
		int a = axis((int) n.getInt("axis", 0), x.rank());
		int d = x.shape()[a];
		int[] iv = idx.intValues();
		for (int i = 0; i < iv.length; i++) if (iv[i] < 0) iv[i] += d;
		for (int i = 1; i < iv.length; i++) if (iv[i] != iv[i - 1] + 1) throw unsupported("non-contiguous indices " + Arrays.toString(idx.intValues()));
		if (idx.rank() > 1) throw unsupported("indices of rank " + idx.rank());
		int[] sliced = x.shape().clone();
		sliced[a] = iv.length;
		Computed s = g.add(new Slice(a, iv[0], iv.length), sliced, g.logical(x));
		if (idx.rank() == 0) {
			int[] o = new int[x.rank() - 1];
			for (int i = 0, j = 0; i < x.rank(); i++) if (i != a) o[j++] = x.shape()[i];
			relabel(s, o);
		} else out(s);
	}
}
