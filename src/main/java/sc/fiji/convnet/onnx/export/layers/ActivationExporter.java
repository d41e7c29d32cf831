package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * Activation (config kind, alpha) → LeakyRelu(alpha), Elu(alpha), Selu (ONNX's default constants are
 * SELU's), Sigmoid or Tanh.
 */
public final class ActivationExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		String kind = ExportGraph.string(layer, "kind", "");
		float alpha = (float) ExportGraph.number(layer, "alpha", 0);
		switch (kind) {
		case "LEAKY_RELU" -> g.node(layer, "LeakyRelu", inputs, output).attr("alpha", alpha);
		case "ELU" -> g.node(layer, "Elu", inputs, output).attr("alpha", alpha);
		case "SELU" -> g.node(layer, "Selu", inputs, output);
		case "SIGMOID" -> g.node(layer, "Sigmoid", inputs, output);
		case "TANH" -> g.node(layer, "Tanh", inputs, output);
		default -> throw ExportGraph.error(layer, "activation kind '" + kind + "' has no ONNX exporter");
		}
	}
}
