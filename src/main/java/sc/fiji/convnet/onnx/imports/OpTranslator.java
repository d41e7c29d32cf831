package sc.fiji.convnet.onnx.imports;

import java.util.List;

import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.read.OnnxNode;

/**
 * Turns one ONNX node whose first input is computed at run time into engine layers, through the group of
 * operators it belongs to. Each group reads the node's attributes as the operator set in use defines them;
 * anything the engine cannot express exactly throws an {@link UnsupportedOnnxException} naming the operator,
 * the node and the opset.
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

	OpTranslator(ImportGraph g) {
		this.g = g;
	}

	void translate(OnnxNode node) {
		List<NodeTranslation> groups = List.of(new LayoutOps(g, node), new ConvolutionOps(g, node), new NormalizationOps(g, node),
				new ActivationOps(g, node), new ArithmeticOps(g, node));
		Computed x = groups.get(0).runtime(0);
		for (NodeTranslation group : groups) if (group.translate(x)) return;
		throw groups.get(0).unsupported("operator not supported by the importer; supported: " + SUPPORTED);
	}

	/** Constant first operand, computed second (c − x, c / x …). */
	void translateConstantFirst(OnnxNode node, ConstTensor c, Computed x) {
		new ArithmeticOps(g, node).constantFirst(c, x);
	}

	/** Gather from a constant table with computed indices: an embedding lookup. */
	void translateLookup(OnnxNode node, ConstTensor table, Computed indices) {
		new LayoutOps(g, node).lookup(table, indices);
	}
}
