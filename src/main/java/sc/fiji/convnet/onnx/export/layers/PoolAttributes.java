package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.write.OnnxNode;

/** What MaxPool and AveragePool share: window, stride (default: the window) and the symmetric padding [pH, pW]. */
record PoolAttributes(int[] kernel, int[] stride, int[] pad) {

	static PoolAttributes of(Layer layer) {
		int[] k = ExportGraph.ints(layer, "kernel", 2);
		return new PoolAttributes(k, ExportGraph.ints(layer, "stride", 2, k), ExportGraph.ints(layer, "padding", 2, 0, 0));
	}

	/** Adds kernel_shape, strides and pads (the same at both ends) to the node. */
	OnnxNode addTo(OnnxNode node) {
		return node.attrInts("kernel_shape", kernel).attrInts("strides", stride).attrInts("pads", pad[0], pad[1], pad[0], pad[1]);
	}
}
