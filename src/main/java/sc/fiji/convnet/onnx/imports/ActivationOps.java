package sc.fiji.convnet.onnx.imports;

import java.util.Arrays;

import sc.fiji.convnet.engine.layers.Activation;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.PReLU;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.layers.Softmax;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.layers.UnaryMath;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Element-wise activations and unary math, PRelu, and (Log)Softmax as engine layers.
 */
final class ActivationOps extends NodeTranslation {

	ActivationOps(ImportGraph g, OnnxNode n) { super(g, n); }

	@Override
	boolean translate(Computed x) {
		switch (n.opType()) {
		case "Relu" -> relu(x);
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
		default -> { return false; }
		}
		return true;
	}

	private void relu(Computed x) {
		Conv2d conv = fusableConv(n.inputs().get(0));
		if (conv != null && !conv.relu()) {
			conv.relu(true); // imported for inference, and nothing else reads the Conv's output
			out(x);
		} else out(add(new ReLU(), x.shape(), x.node()));
	}

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
}
