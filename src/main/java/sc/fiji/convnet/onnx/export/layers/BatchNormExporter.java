package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** BatchNorm2d → BatchNormalization in inference mode: γ, β and the running mean and variance. */
public final class BatchNormExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		String[] in = { inputs[0], g.constant(layer, "gamma"), g.constant(layer, "beta"),
				g.constant(layer, "runningMean"), g.constant(layer, "runningVar") };
		g.node(layer, "BatchNormalization", in, output)
				.attr("epsilon", (float) ExportGraph.number(layer, "eps", 1e-5));
	}
}
