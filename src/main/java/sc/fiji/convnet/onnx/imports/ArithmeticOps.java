package sc.fiji.convnet.onnx.imports;

import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.layers.Elementwise;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.ImportGraph.Constant;
import sc.fiji.convnet.onnx.imports.ImportGraph.Value;
import sc.fiji.convnet.onnx.imports.layers.BinaryOp;
import sc.fiji.convnet.onnx.imports.layers.BroadcastBinary;
import sc.fiji.convnet.onnx.imports.layers.ConstantArithmetic;
import sc.fiji.convnet.onnx.imports.layers.MatMul;
import sc.fiji.convnet.onnx.imports.layers.Permute;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Gemm, MatMul, the broadcasting binary operators, Sum, Max, Min and the reductions as engine layers.
 */
final class ArithmeticOps extends NodeTranslation {

	ArithmeticOps(ImportGraph g, OnnxNode n) { super(g, n); }

	@Override
	boolean translate(Computed x) {
		switch (n.opType()) {
		case "Gemm" -> gemm(x);
		case "MatMul" -> matmul(x);
		case "Add", "Sub", "Mul", "Div", "Pow" -> arithmetic();
		case "Sum" -> sum();
		case "Max", "Min" -> extremum(n.opType().equals("Max") ? BinaryOp.MAX : BinaryOp.MIN);
		case "ReduceMean", "ReduceSum" -> out(reduce(x, reduceAxes(x), n.getInt("keepdims", 1) != 0, n.opType().equals("ReduceMean")));
		default -> { return false; }
		}
		return true;
	}

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
	void constantFirst(ConstTensor c, Computed x) {
		BinaryOp op = op(n.opType());
		int[] o = broadcast(x.shape(), c.dims());
		out(add(ConstantArithmetic.of(op, true, c.weight(), c.floats(), c.dims()), o, g.logical(x)));
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
}
