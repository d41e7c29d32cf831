package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * MaxUnpool2d (config "pool": the name of its MaxPool2d) → MaxUnpool fed by the indices the pooling node
 * outputs, with the pooling's kernel, strides and pads, and output_shape = the shape of the pooling's
 * input (so odd sizes that the pooling floored come back whole).
 */
public final class MaxUnpoolExporter implements LayerExporter {

	@Override
	public void prepare(Layer layer, ExportGraph g) {
		g.request(pool(layer), "indices");
	}

	private static String pool(Layer layer) {
		String p = ExportGraph.string(layer, "pool", null);
		if (p == null) throw ExportGraph.error(layer, "config names no pooling layer: " + layer.config());
		return p;
	}

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		Layer pool = g.layerNamed(pool(layer));
		if (!pool.type().equals("MaxPool2d")) throw ExportGraph.error(layer, "refers to " + pool.type() + " '" + pool.name() + "', not a MaxPool2d");
		int[] k = ExportGraph.ints(pool, "kernel", 2);
		int[] stride = ExportGraph.ints(pool, "stride", 2, k);
		int[] pad = ExportGraph.ints(pool, "padding", 2, 0, 0);
		String shape = g.name(layer, "output_shape");
		g.node(layer, "Shape", new String[] { g.inputsOf(pool.name())[0] }, shape);
		g.node(layer, "MaxUnpool", new String[] { inputs[0], g.published(pool.name(), "indices"), shape }, output)
				.attrInts("kernel_shape", k)
				.attrInts("strides", stride)
				.attrInts("pads", pad[0], pad[1], pad[0], pad[1]);
	}
}
