package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** Linear (y = x·Wᵀ + b, W out×in) → Gemm with transB = 1. */
public final class LinearExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		String w = g.constant(layer, "weight");
		String[] in = ExportGraph.hasParameter(layer, "bias") ? new String[] { inputs[0], w, g.constant(layer, "bias") } : new String[] { inputs[0], w };
		g.node(layer, "Gemm", in, output).attr("transB", 1L);
	}
}
