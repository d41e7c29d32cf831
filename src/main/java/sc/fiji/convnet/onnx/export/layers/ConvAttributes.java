package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.write.OnnxNode;

/** What Conv and ConvTranspose share: the geometry read from an engine layer, and the weight and bias inputs. */
record ConvAttributes(int[] kernel, int[] stride, int[] dilation, int[] pads, int groups) {

	/** Kernel, stride, dilation, padding [top, left, bottom, right] (= ONNX's pads order) and groups of a 2-D layer. */
	static ConvAttributes of(Layer layer) {
		return new ConvAttributes(ExportGraph.ints(layer, "kernel", 2), ExportGraph.ints(layer, "stride", 2, 1, 1),
				ExportGraph.ints(layer, "dilation", 2, 1, 1), ExportGraph.ints(layer, "padding", 4, 0, 0, 0, 0),
				ExportGraph.integer(layer, "groups", 1));
	}

	ConvAttributes withoutPads() { return new ConvAttributes(kernel, stride, dilation, new int[4], groups); }

	/** The node's inputs: x, the layer's weight and, when it has one, its bias. */
	static String[] inputs(Layer layer, ExportGraph g, String x) {
		String w = g.constant(layer, "weight");
		return ExportGraph.hasParameter(layer, "bias") ? new String[] { x, w, g.constant(layer, "bias") } : new String[] { x, w };
	}

	/** Adds kernel_shape, strides, dilations, pads, output_padding (unless null) and group to the node. */
	OnnxNode addTo(OnnxNode node, int[] outputPadding) {
		node.attrInts("kernel_shape", kernel).attrInts("strides", stride).attrInts("dilations", dilation).attrInts("pads", pads);
		if (outputPadding != null) node.attrInts("output_padding", outputPadding);
		return node.attr("group", (long) groups);
	}
}
