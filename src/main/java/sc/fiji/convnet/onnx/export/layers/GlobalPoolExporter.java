package sc.fiji.convnet.onnx.export.layers;

import java.util.Arrays;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * AdaptiveAvgPool2d / AdaptiveMaxPool2d to 1×1 → GlobalAveragePool / GlobalMaxPool. Other output sizes
 * have no ONNX operator for arbitrary input sizes and are refused.
 */
public final class GlobalPoolExporter implements LayerExporter {

	private final String opType;

	public GlobalPoolExporter(String opType) { this.opType = opType; }

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] size = ExportGraph.ints(layer, "size", 2, 1, 1);
		if (size[0] != 1 || size[1] != 1)
			throw ExportGraph.error(layer, "adaptive pooling to " + Arrays.toString(size) + " cannot be exported; only 1×1 (global pooling) can");
		g.node(layer, opType, inputs, output);
	}
}
