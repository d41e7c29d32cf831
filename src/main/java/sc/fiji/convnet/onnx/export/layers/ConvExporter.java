package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * Conv2d → Conv. The engine's weights are C_out×(C_in/groups)×KH×KW and its padding is
 * [top, left, bottom, right], which are ONNX's layout and pads order [H_begin, W_begin, H_end, W_end].
 * A reflect or replicate padding mode becomes a Pad node before an unpadded Conv; a fused ReLU a Relu after it.
 */
public final class ConvExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		ConvAttributes a = ConvAttributes.of(layer);
		int[] pad = a.pads();
		String x = inputs[0];
		String mode = ExportGraph.padMode(layer);
		if (mode != null && (pad[0] | pad[1] | pad[2] | pad[3]) != 0) {
			x = g.pad(layer, x, mode, pad[0], pad[1], pad[2], pad[3]);
			a = a.withoutPads();
		}
		boolean relu = layer instanceof sc.fiji.convnet.engine.layers.Conv2d c && c.relu();
		String conv = relu ? g.name(layer, "conv") : output;
		a.addTo(g.node(layer, "Conv", ConvAttributes.inputs(layer, g, x), conv), null);
		if (relu) g.node(layer, "Relu", new String[] { conv }, output); // the fused ReLU as its own node again
	}
}
