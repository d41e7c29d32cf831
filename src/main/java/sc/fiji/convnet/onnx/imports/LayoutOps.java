package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.ResizeBilinear;
import sc.fiji.convnet.engine.layers.UpsampleNearest;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.ImportGraph.Constant;
import sc.fiji.convnet.onnx.imports.layers.Lookup;
import sc.fiji.convnet.onnx.imports.layers.Pad;
import sc.fiji.convnet.onnx.imports.layers.Permute;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.imports.layers.Slice;
import sc.fiji.convnet.onnx.imports.layers.Tile;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Operators that move, copy or select values: reshapes and transposes, Concat, Tile, Pad, Resize, Shape,
 * Split, Slice and Gather.
 */
final class LayoutOps extends NodeTranslation {

	LayoutOps(ImportGraph g, OnnxNode n) { super(g, n); }

	@Override
	boolean translate(Computed x) {
		switch (n.opType()) {
		case "Identity", "Dropout", "Cast" -> identity(x);
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
		default -> { return false; }
		}
		return true;
	}

	/** Identity, inference-time Dropout and a Cast to float pass the tensor on. */
	private void identity(Computed x) {
		if (n.opType().equals("Cast") && n.getInt("to", 1) != 1) throw unsupported("cast of a computed tensor to type " + n.getInt("to", 1));
		if (n.opType().equals("Dropout") && n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
			ConstTensor t = constant(2, "training_mode");
			if (t.values()[0] != 0) throw unsupported("training_mode = true");
		}
		if (n.outputs().size() > 1 && g.consumed(n.outputs().get(1)))
			throw unsupported("the dropout mask output '" + n.outputs().get(1) + "' is used; the engine imports Dropout for inference only, as the identity without a mask");
		out(x);
	}

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

	/** Gather from a constant table with computed indices: an embedding lookup. */
	void lookup(ConstTensor table, Computed indices) {
		if (axis((int) n.getInt("axis", 0), table.rank()) != 0) throw unsupported("Gather of a constant along axis " + n.getInt("axis", 0) + " with computed indices");
		Lookup l = new Lookup(table.weight(), table.dims());
		l.table().set(table.floats());
		int[] o = Arrays.copyOf(indices.shape(), indices.rank() + table.rank() - 1);
		System.arraycopy(table.dims(), 1, o, indices.rank(), table.rank() - 1);
		out(add(l, o, g.logical(indices)));
	}
}
