package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * Conv2d → Conv. The engine's weights are C_out×(C_in/groups)×KH×KW and its padding is
 * [top, left, bottom, right], which are ONNX's layout and pads order [H_begin, W_begin, H_end, W_end].
 * A reflect or replicate padding mode becomes a Pad node before an unpadded Conv.
 */
public final class ConvExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] k = ExportGraph.ints(layer, "kernel", 2);
		int[] stride = ExportGraph.ints(layer, "stride", 2, 1, 1);
		int[] dilation = ExportGraph.ints(layer, "dilation", 2, 1, 1);
		int[] pad = ExportGraph.ints(layer, "padding", 4, 0, 0, 0, 0);
		int groups = ExportGraph.integer(layer, "groups", 1);
		String x = inputs[0];
		String mode = ExportGraph.padMode(layer);
		if (mode != null && (pad[0] | pad[1] | pad[2] | pad[3]) != 0) {
			x = g.pad(layer, x, mode, pad[0], pad[1], pad[2], pad[3]);
			pad = new int[4];
		}
		String w = g.constant(layer, "weight");
		String[] in = ExportGraph.hasParameter(layer, "bias") ? new String[] { x, w, g.constant(layer, "bias") } : new String[] { x, w };
		g.node(layer, "Conv", in, output)
				.attrInts("kernel_shape", k)
				.attrInts("strides", stride)
				.attrInts("dilations", dilation)
				.attrInts("pads", pad)
				.attr("group", (long) groups);
	}
}
