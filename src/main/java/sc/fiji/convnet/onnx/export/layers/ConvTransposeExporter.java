package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * ConvTranspose2d → ConvTranspose. The engine keeps weights as C_in×(C_out/groups)×KH×KW, which is ONNX's
 * layout, so they are written unchanged. Both compute the output size as
 * (H−1)·S − pad_begin − pad_end + D·(K−1) + 1 + output_padding, with the output padding at the end.
 */
public final class ConvTransposeExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] k = ExportGraph.ints(layer, "kernel", 2);
		int[] stride = ExportGraph.ints(layer, "stride", 2, 1, 1);
		int[] dilation = ExportGraph.ints(layer, "dilation", 2, 1, 1);
		int[] pad = ExportGraph.ints(layer, "padding", 4, 0, 0, 0, 0);
		int[] outPad = ExportGraph.ints(layer, "outputPadding", 2, 0, 0);
		int groups = ExportGraph.integer(layer, "groups", 1);
		String w = g.constant(layer, "weight");
		String[] in = ExportGraph.hasParameter(layer, "bias")
				? new String[] { inputs[0], w, g.constant(layer, "bias") } : new String[] { inputs[0], w };
		g.node(layer, "ConvTranspose", in, output)
				.attrInts("kernel_shape", k)
				.attrInts("strides", stride)
				.attrInts("dilations", dilation)
				.attrInts("pads", pad)
				.attrInts("output_padding", outPad)
				.attr("group", (long) groups);
	}
}
