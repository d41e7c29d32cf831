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
		ConvAttributes.of(layer).addTo(g.node(layer, "ConvTranspose", ConvAttributes.inputs(layer, g, inputs[0]), output),
				ExportGraph.ints(layer, "outputPadding", 2, 0, 0));
	}
}
