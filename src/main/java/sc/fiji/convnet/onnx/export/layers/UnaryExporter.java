package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** A layer that is one ONNX operator without attributes or constants (ReLU → Relu, GlobalAvgPool2d → GlobalAveragePool). */
public final class UnaryExporter implements LayerExporter {

	private final String opType;

	public UnaryExporter(String opType) { this.opType = opType; }

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		g.node(layer, opType, inputs, output);
	}
}
