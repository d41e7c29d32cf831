package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * ChannelMaxPool (maxout over consecutive groups of {@code groupSize} channels) → Reshape to
 * N×(C/g)×g×(H·W), ReduceMax over axis 2, Reshape back to N×(C/g)×H×W with H, W taken from the input.
 */
public final class ChannelMaxPoolExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int group = ExportGraph.integer(layer, "groupSize", 1);
		int channels = g.sampleShape(inputs[0])[1];
		if (channels % group != 0) throw ExportGraph.error(layer, channels + " channels do not split into groups of " + group);
		String grouped = g.name(layer, "grouped"), reduced = g.name(layer, "reduced"), hw = g.name(layer, "hw"), shape = g.name(layer, "shape");
		g.node(layer, "Reshape", new String[] { inputs[0], g.int64s(layer, "group_shape", 0, channels / group, group, -1) }, grouped);
		g.node(layer, "ReduceMax", new String[] { grouped }, reduced).attrInts("axes", 2).attr("keepdims", 0L); // axes: an attribute up to opset 17
		g.node(layer, "Shape", new String[] { inputs[0] }, hw).attr("start", 2L);
		g.node(layer, "Concat", new String[] { g.int64s(layer, "nc", 0, 0), hw }, shape).attr("axis", 0L); // 0 keeps N and C/g
		g.node(layer, "Reshape", new String[] { reduced, shape }, output);
	}
}
