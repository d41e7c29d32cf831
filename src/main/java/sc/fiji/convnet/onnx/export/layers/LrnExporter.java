package sc.fiji.convnet.onnx.export.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/** LocalResponseNorm → LRN with its size, alpha, beta and bias. */
public final class LrnExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		JsonObject c = layer.config();
		g.node(layer, "LRN", inputs, output).attr("size", c.get("size").getAsLong()).attr("alpha", c.get("alpha").getAsFloat())
				.attr("beta", c.get("beta").getAsFloat()).attr("bias", c.get("bias").getAsFloat());
	}
}
