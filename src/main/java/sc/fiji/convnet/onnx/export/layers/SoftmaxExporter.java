package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** Softmax / LogSoftmax over the channel axis → Softmax / LogSoftmax with axis 1 (opset ≥ 13: one axis). */
public final class SoftmaxExporter implements LayerExporter {

	private final String opType;

	public SoftmaxExporter(String opType) { this.opType = opType; }

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		g.node(layer, opType, inputs, output).attr("axis", 1L);
	}
}
