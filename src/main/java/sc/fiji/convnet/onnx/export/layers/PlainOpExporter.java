package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * A layer that is one ONNX operator with its inputs in order and no attributes or constants:
 * ReLU → Relu, GlobalAvgPool2d → GlobalAveragePool, Add → Sum, Sub, Mul, Flatten (axis 1 by default),
 * Dropout → Identity at inference.
 */
public final class PlainOpExporter implements LayerExporter {

	private final String opType;

	public PlainOpExporter(String opType) { this.opType = opType; }

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		g.node(layer, opType, inputs, output);
	}
}
