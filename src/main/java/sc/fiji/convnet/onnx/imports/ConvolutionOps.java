package sc.fiji.convnet.onnx.imports;

import java.util.Arrays;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.layers.AdaptivePool2d;
import sc.fiji.convnet.engine.layers.AvgPool2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ConvTranspose2d;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.layers.Conv3d;
import sc.fiji.convnet.onnx.imports.layers.Pool2d;
import sc.fiji.convnet.onnx.imports.layers.Pool3d;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Conv, ConvTranspose and the pools (1-, 2- and 3-D) as engine layers; 1-D operators run as 2-D ones with H = 1.
 */
final class ConvolutionOps extends NodeTranslation {

	ConvolutionOps(ImportGraph g, OnnxNode n) { super(g, n); }

	@Override
	boolean translate(Computed x) {
		switch (n.opType()) {
		case "Conv" -> conv(x);
		case "ConvTranspose" -> convTranspose(x);
		case "MaxPool", "AveragePool" -> pool(x, n.opType().equals("MaxPool"));
		case "GlobalAveragePool", "GlobalMaxPool" -> {
			if (x.rank() < 3) throw unsupported("input of rank " + x.rank());
			int[] o = x.shape().clone();
			for (int i = 2; i < o.length; i++) o[i] = 1;
			out(add(n.opType().equals("GlobalMaxPool") ? AdaptivePool2d.globalMax() : new GlobalAvgPool2d(), o, g.as4d(x)));
		}
		default -> { return false; }
		}
		return true;
	}

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
		Computed y = add(c, fromEngine(engine, x.rank()), node);
		out(y);
		g.producedBy(n.outputs().get(0), c, y); // a BatchNormalization after it may be folded in
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
}
