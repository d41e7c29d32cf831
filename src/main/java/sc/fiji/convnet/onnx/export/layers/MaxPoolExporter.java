package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * MaxPool2d → MaxPool (floor mode). The engine's padding [pH, pW] is symmetric; padded cells never win
 * in either, and ties go to the first maximum. When a max-unpooling asked for them, the node also
 * outputs its indices (flat over N×C×H×W), published as "indices".
 */
public final class MaxPoolExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] k = ExportGraph.ints(layer, "kernel", 2);
		int[] stride = ExportGraph.ints(layer, "stride", 2, k);
		int[] pad = ExportGraph.ints(layer, "padding", 2, 0, 0);
		String[] outputs = { output };
		if (g.wants(layer, "indices")) {
			String indices = g.name(layer, "indices");
			outputs = new String[] { output, indices };
			g.publish(layer, "indices", indices);
		}
		g.writer().node("MaxPool", inputs, outputs).name(g.name(layer, "MaxPool"))
				.attrInts("kernel_shape", k)
				.attrInts("strides", stride)
				.attrInts("pads", pad[0], pad[1], pad[0], pad[1]);
	}
}
