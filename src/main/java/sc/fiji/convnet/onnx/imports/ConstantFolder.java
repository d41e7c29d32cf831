package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.onnx.imports.layers.BinaryOp;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Evaluates, at import time, the nodes whose inputs are all constants: the Shape → Gather → Unsqueeze → Concat
 * chains that exporters write to compute static shapes, transposed weights, and small arithmetic. Returns null for
 * an operator it cannot fold.
 */
final class ConstantFolder {

	private ConstantFolder() {}

	static final List<String> FOLDABLE = List.of("Identity", "Cast", "Unsqueeze", "Squeeze", "Reshape", "Flatten", "Transpose",
			"Concat", "Gather", "Slice", "Add", "Sub", "Mul", "Div", "Pow", "Neg", "Sqrt", "Floor", "Ceil", "Abs", "Exp",
			"Reciprocal", "ConstantOfShape", "Range", "Dropout");

	/** The outputs of {@code n} for constant inputs ({@code in} may contain null for omitted optional inputs), or null. */
	static List<ConstTensor> fold(OnnxNode n, List<ConstTensor> in, long opset) {
		ConstTensor x = in.isEmpty() ? null : in.get(0);
		ConstTensor r = switch (n.opType()) {
		case "Identity", "Dropout" -> x;
		case "Cast" -> cast(x, n.getInt("to", 1));
		case "Unsqueeze" -> x.reshape(Layouts.unsqueeze(x.dims(), axes(n, in, opset, 13)));
		case "Squeeze" -> x.reshape(Layouts.squeeze(x.dims(), axes(n, in, opset, 13)));
		case "Reshape" -> x.reshape(Layouts.reshape(x.dims(), opset < 5 ? toInts(n.getInts("shape", new long[0])) : in.get(1).intValues(), n.getInt("allowzero", 0) != 0));
		case "Flatten" -> x.reshape(Layouts.flatten(x.dims(), (int) n.getInt("axis", 1)));
		case "Transpose" -> transpose(x, n.has("perm") ? n.attribute("perm").asIntArray() : Layouts.reversed(x.rank()));
		case "Concat" -> concat(in, (int) n.getInt("axis", 0));
		case "Gather" -> gather(x, in.get(1), (int) n.getInt("axis", 0));
		case "Slice" -> slice(n, in, opset);
		case "Add" -> binary(BinaryOp.ADD, x, in.get(1));
		case "Sub" -> binary(BinaryOp.SUB, x, in.get(1));
		case "Mul" -> binary(BinaryOp.MUL, x, in.get(1));
		case "Div" -> divide(x, in.get(1));
		case "Pow" -> binary(BinaryOp.POW, x, in.get(1));
		case "Neg" -> map(x, v -> -v);
		case "Sqrt" -> map(x, Math::sqrt);
		case "Floor" -> map(x, Math::floor);
		case "Ceil" -> map(x, Math::ceil);
		case "Abs" -> map(x, Math::abs);
		case "Exp" -> map(x, Math::exp);
		case "Reciprocal" -> map(x, v -> 1 / v);
		case "ConstantOfShape" -> constantOfShape(n, x);
		case "Range" -> range(x, in.get(1), in.get(2));
		default -> null;
		};
		return r == null ? null : List.of(r);
	}

	private static int[] toInts(long[] l) {
		int[] r = new int[l.length];
		for (int i = 0; i < l.length; i++) r[i] = (int) l[i];
		return r;
	}

	/** Axes from the attribute (before {@code inputSince}) or the second input. */
	static int[] axes(OnnxNode n, List<ConstTensor> in, long opset, long inputSince) {
		if (opset >= inputSince) return in.size() > 1 && in.get(1) != null ? in.get(1).intValues() : null;
		return n.has("axes") ? n.attribute("axes").asIntArray() : null;
	}

	private static ConstTensor cast(ConstTensor x, long to) {
		boolean integer = to != 1 && to != 10 && to != 11 && to != 16;
		if (!integer) return new ConstTensor(x.dims(), x.values(), false, x.weight());
		double[] v = x.values().clone();
		for (int i = 0; i < v.length; i++) v[i] = to == 9 ? (v[i] != 0 ? 1 : 0) : (long) v[i];
		return new ConstTensor(x.dims(), v, true, x.weight());
	}

	private static ConstTensor map(ConstTensor x, java.util.function.DoubleUnaryOperator f) {
		double[] v = x.values().clone();
		for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(v[i]);
		return new ConstTensor(x.dims(), v, x.integer(), x.weight());
	}

	static ConstTensor transpose(ConstTensor x, int[] perm) {
		int[] s = x.dims(), o = new int[s.length], st = Shapes.strides(s);
		for (int i = 0; i < o.length; i++) o[i] = s[perm[i]];
		double[] v = new double[x.size()];
		int[] counter = new int[o.length];
		for (int k = 0; k < v.length; k++) {
			int at = 0;
			for (int i = 0; i < o.length; i++) at += counter[i] * st[perm[i]];
			v[k] = x.values()[at];
			for (int i = o.length - 1; i >= 0; i--) { if (++counter[i] < o[i]) break; counter[i] = 0; }
		}
		return new ConstTensor(o, v, x.integer(), x.weight());
	}

	private static ConstTensor concat(List<ConstTensor> in, int axis) {
		int rank = in.get(0).rank();
		if (axis < 0) axis += rank;
		int[] o = in.get(0).dims().clone();
		o[axis] = 0;
		for (ConstTensor t : in) o[axis] += t.dims()[axis];
		int outer = Shapes.product(o, 0, axis), inner = Shapes.product(o, axis + 1, rank);
		double[] v = new double[Shapes.size(o)];
		int at = 0;
		for (int p = 0; p < outer; p++)
			for (ConstTensor t : in) {
				int len = t.dims()[axis] * inner;
				System.arraycopy(t.values(), p * len, v, at, len);
				at += len;
			}
		return new ConstTensor(o, v, in.get(0).integer(), false);
	}

	private static ConstTensor gather(ConstTensor data, ConstTensor idx, int axis) {
		int[] s = data.dims();
		if (axis < 0) axis += s.length;
		int outer = Shapes.product(s, 0, axis), inner = Shapes.product(s, axis + 1, s.length), n = s[axis];
		int[] o = new int[s.length - 1 + idx.rank()];
		System.arraycopy(s, 0, o, 0, axis);
		System.arraycopy(idx.dims(), 0, o, axis, idx.rank());
		System.arraycopy(s, axis + 1, o, axis + idx.rank(), s.length - axis - 1);
		double[] v = new double[Shapes.size(o)];
		int at = 0;
		for (int p = 0; p < outer; p++)
			for (int j = 0; j < idx.size(); j++) {
				int i = (int) idx.values()[j];
				if (i < 0) i += n;
				System.arraycopy(data.values(), (p * n + i) * inner, v, at, inner);
				at += inner;
			}
		return new ConstTensor(o, v, data.integer(), data.weight());
	}

	/** Per-axis (start, end, step) of ONNX Slice, clamped as the spec says. */
	static int[][] sliceRanges(OnnxNode n, List<ConstTensor> in, long opset, int[] dims) {
		long[] starts, ends, axes, steps = null;
		if (opset < 10) {
			starts = n.getInts("starts", new long[0]);
			ends = n.getInts("ends", new long[0]);
			axes = n.getInts("axes", null);
		} else {
			starts = in.get(1).longs();
			ends = in.get(2).longs();
			axes = in.size() > 3 && in.get(3) != null ? in.get(3).longs() : null;
			steps = in.size() > 4 && in.get(4) != null ? in.get(4).longs() : null;
		}
		int[][] r = new int[dims.length][];
		for (int a = 0; a < dims.length; a++) r[a] = new int[] { 0, dims[a], 1 };
		for (int i = 0; i < starts.length; i++) {
			int a = axes == null ? i : (int) axes[i];
			if (a < 0) a += dims.length;
			int d = dims[a];
			long step = steps == null ? 1 : steps[i], s = starts[i], e = ends[i];
			if (s < 0) s += d;
			if (e < 0) e += d;
			if (step > 0) { s = Math.max(0, Math.min(d, s)); e = Math.max(0, Math.min(d, e)); }
			else { s = Math.max(-1, Math.min(d - 1, s)); e = Math.max(-1, Math.min(d - 1, e)); }
			r[a] = new int[] { (int) s, (int) e, (int) step };
		}
		return r;
	}

	private static ConstTensor slice(OnnxNode n, List<ConstTensor> in, long opset) {
		ConstTensor x = in.get(0);
		int[] s = x.dims();
		int[][] r = sliceRanges(n, in, opset, s);
		int[] o = new int[s.length];
		for (int a = 0; a < s.length; a++) {
			int len = r[a][2] > 0 ? (r[a][1] - r[a][0] + r[a][2] - 1) / r[a][2] : (r[a][0] - r[a][1] - r[a][2] - 1) / -r[a][2];
			o[a] = Math.max(0, len);
		}
		int[] st = Shapes.strides(s), counter = new int[s.length];
		double[] v = new double[Shapes.size(o)];
		for (int k = 0; k < v.length; k++) {
			int at = 0;
			for (int a = 0; a < s.length; a++) at += (r[a][0] + counter[a] * r[a][2]) * st[a];
			v[k] = x.values()[at];
			for (int a = s.length - 1; a >= 0; a--) { if (++counter[a] < o[a]) break; counter[a] = 0; }
		}
		return new ConstTensor(o, v, x.integer(), x.weight());
	}

	private static ConstTensor binary(BinaryOp op, ConstTensor a, ConstTensor b) {
		int[] o = Shapes.broadcast(a.dims(), b.dims());
		if (o == null) throw new IllegalArgumentException("constants " + a + " and " + b + " do not broadcast");
		int[] ia = Shapes.broadcastIndex(o, a.dims()), ib = Shapes.broadcastIndex(o, b.dims());
		double[] v = new double[Shapes.size(o)];
		for (int k = 0; k < v.length; k++) v[k] = op.f(a.values()[ia[k]], b.values()[ib[k]]);
		return new ConstTensor(o, v, a.integer() && b.integer(), a.weight() || b.weight());
	}

	private static ConstTensor divide(ConstTensor a, ConstTensor b) {
		ConstTensor q = binary(BinaryOp.DIV, a, b);
		if (!q.integer()) return q;
		double[] v = q.values().clone();
		for (int i = 0; i < v.length; i++) v[i] = (long) v[i]; // integer division truncates
		return new ConstTensor(q.dims(), v, true, q.weight());
	}

	private static ConstTensor constantOfShape(OnnxNode n, ConstTensor shape) {
		int[] dims = shape.intValues();
		double fill = 0;
		boolean integer = false;
		if (n.has("value")) {
			ConstTensor t = ConstTensor.of(n.attribute("value").asTensor(), false);
			fill = t.values()[0];
			integer = t.integer();
		}
		double[] v = new double[Shapes.size(dims)];
		Arrays.fill(v, fill);
		return new ConstTensor(dims, v, integer, false);
	}

	private static ConstTensor range(ConstTensor start, ConstTensor limit, ConstTensor delta) {
		double s = start.values()[0], l = limit.values()[0], d = delta.values()[0];
		int count = (int) Math.max(0, Math.ceil((l - s) / d));
		List<Double> v = new ArrayList<>();
		for (int i = 0; i < count; i++) v.add(s + i * d);
		return new ConstTensor(new int[] { count }, v.stream().mapToDouble(Double::doubleValue).toArray(), start.integer(), false);
	}
}
