package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** AvgPool2d → AveragePool (floor mode) with count_include_pad from the layer's countIncludePad. */
public final class AvgPoolExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		boolean includePad = !layer.config().has("countIncludePad") || layer.config().get("countIncludePad").getAsBoolean();
		PoolAttributes.of(layer).addTo(g.node(layer, "AveragePool", inputs, output)).attr("count_include_pad", includePad ? 1L : 0L);
	}
}
