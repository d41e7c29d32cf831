package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** AvgPool2d → AveragePool (floor mode) with count_include_pad from the layer's countIncludePad. */
public final class AvgPoolExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] k = ExportGraph.ints(layer, "kernel", 2);
		int[] stride = ExportGraph.ints(layer, "stride", 2, k);
		int[] pad = ExportGraph.ints(layer, "padding", 2, 0, 0);
		boolean includePad = !layer.config().has("countIncludePad") || layer.config().get("countIncludePad").getAsBoolean();
		g.node(layer, "AveragePool", inputs, output)
				.attrInts("kernel_shape", k)
				.attrInts("strides", stride)
				.attrInts("pads", pad[0], pad[1], pad[0], pad[1])
				.attr("count_include_pad", includePad ? 1L : 0L);
	}
}
