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
		String[] outputs = { output };
		if (g.wants(layer, "indices")) {
			String indices = g.name(layer, "indices");
			outputs = new String[] { output, indices };
			g.publish(layer, "indices", indices);
		}
		PoolAttributes.of(layer).addTo(g.writer().node("MaxPool", inputs, outputs).name(g.name(layer, "MaxPool")));
	}
}
