package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** PReLU → PRelu; a slope per channel is shaped C×1×…×1 so that it broadcasts over axis 1. */
public final class PReluExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		float[] slope = ExportGraph.parameter(layer, "slope").value().data().clone();
		int rank = g.sampleShape(inputs[0]).length;
		long[] dims;
		if (slope.length == 1) dims = new long[] { 1 };
		else {
			dims = new long[Math.max(1, rank - 1)];
			java.util.Arrays.fill(dims, 1);
			dims[0] = slope.length;
		}
		g.node(layer, "PRelu", new String[] { inputs[0], g.floats(layer, "slope", slope, dims) }, output);
	}
}
