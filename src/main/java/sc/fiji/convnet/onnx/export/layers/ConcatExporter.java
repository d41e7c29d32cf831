package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** Concat → Concat along the channel axis, inputs in the layer's order. */
public final class ConcatExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		g.node(layer, "Concat", inputs, output).attr("axis", 1L);
	}
}
