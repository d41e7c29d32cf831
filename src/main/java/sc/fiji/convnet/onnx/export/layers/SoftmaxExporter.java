package sc.fiji.convnet.onnx.export.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;
import sc.fiji.convnet.onnx.export.OnnxExportException;

/** Softmax / LogSoftmax along one axis (the channel axis by default) → Softmax / LogSoftmax with that axis (opset ≥ 13: one axis). */
public final class SoftmaxExporter implements LayerExporter {

	private final String opType;

	public SoftmaxExporter(String opType) { this.opType = opType; }

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		JsonObject c = layer.config();
		if (c.has("flattenTail") && c.get("flattenTail").getAsBoolean())
			throw new OnnxExportException(layer.type() + " '" + layer.name() + "': a softmax over several flattened axes has no opset-17 Softmax");
		g.node(layer, opType, inputs, output).attr("axis", c.has("axis") ? c.get("axis").getAsLong() : 1L);
	}
}
