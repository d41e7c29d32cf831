package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** Reshape (per-sample shape, one −1 allowed) → Reshape to [0, shape…], where 0 keeps the batch size. */
public final class ReshapeExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] target = ExportGraph.ints(layer, "shape");
		long[] shape = new long[target.length + 1];
		for (int i = 0; i < target.length; i++) shape[i + 1] = target[i];
		g.node(layer, "Reshape", new String[] { inputs[0], g.int64s(layer, "shape", shape) }, output);
	}
}
