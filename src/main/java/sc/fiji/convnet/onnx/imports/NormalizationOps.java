package sc.fiji.convnet.onnx.imports;

import java.util.Arrays;

import sc.fiji.convnet.engine.BatchNormFold;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.LocalResponseNorm;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.layers.BinaryOp;
import sc.fiji.convnet.onnx.imports.layers.BroadcastBinary;
import sc.fiji.convnet.onnx.imports.layers.ConstantArithmetic;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * BatchNormalization (inference), LRN and InstanceNormalization as engine layers.
 */
final class NormalizationOps extends NodeTranslation {

	NormalizationOps(ImportGraph g, OnnxNode n) { super(g, n); }

	@Override
	boolean translate(Computed x) {
		switch (n.opType()) {
		case "BatchNormalization" -> batchNorm(x);
		case "LRN" -> {
			if (x.rank() < 3) throw unsupported("input of rank " + x.rank() + " (LRN needs N×C×D1…)");
			if (!n.has("size")) throw unsupported("no size attribute");
			out(add(new LocalResponseNorm((int) n.getInt("size", 1), n.getFloat("alpha", 1e-4f), n.getFloat("beta", 0.75f), n.getFloat("bias", 1f)), x.shape(), x.node()));
		}
		case "InstanceNormalization" -> instanceNorm(x);
		default -> { return false; }
		}
		return true;
	}

	private void batchNorm(Computed x) {
		if (n.getInt("training_mode", 0) != 0) throw unsupported("training_mode = 1");
		if (opset < 9 && n.getInt("spatial", 1) == 0) throw unsupported("spatial = 0");
		for (int i = 1; i < n.outputs().size(); i++)
			if (!n.outputs().get(i).isEmpty()) throw unsupported("the running-statistics outputs (training mode)");
		ConstTensor scale = constant(1, "scale"), bias = constant(2, "B"), mean = constant(3, "mean"), var = constant(4, "var");
		int c = x.shape()[1];
		Conv2d conv = fusableConv(n.inputs().get(0));
		if (conv != null && !conv.relu() && conv.outChannels() == c) {
			BatchNormFold.fold(conv, scale.floats(), bias.floats(), mean.floats(), var.floats(), n.getFloat("epsilon", 1e-5f));
			out(x); // the Conv's node now gives the normalized values
			g.producedBy(n.outputs().get(0), conv, x); // so a Relu after it may be fused in too
			return;
		}
		BatchNorm2d bn = new BatchNorm2d(c, n.getFloat("epsilon", 1e-5f), 1 - n.getFloat("momentum", 0.9f));
		bn.gamma().set(scale.floats());
		bn.beta().set(bias.floats());
		bn.runningMean().set(mean.floats());
		bn.runningVar().set(var.floats());
		out(add(bn, x.shape(), g.as4d(x)));
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
}
