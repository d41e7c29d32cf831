package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * ResizeBilinear (align_corners = false) → Resize linear with half_pixel coordinates: by scales
 * [1, 1, sH, sW], or to a fixed size, where the sizes input is [N, C] of the input's shape followed by H, W.
 */
public final class ResizeBilinearExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		String[] in;
		if (layer.config().has("size")) {
			int[] size = ExportGraph.ints(layer, "size", 2);
			String shape = g.name(layer, "shape"), sizes = g.name(layer, "sizes");
			g.node(layer, "Shape", new String[] { inputs[0] }, shape).attr("end", 2L); // opset 15+: [N, C]
			g.node(layer, "Concat", new String[] { shape, g.int64s(layer, "hw", size[0], size[1]) }, sizes).attr("axis", 0L);
			in = new String[] { inputs[0], "", "", sizes };
		} else {
			float sh = (float) ExportGraph.number(layer, "scaleH", 1), sw = (float) ExportGraph.number(layer, "scaleW", 1);
			in = new String[] { inputs[0], "", g.floats(layer, "scales", new float[] { 1, 1, sh, sw }, 4) };
		}
		g.node(layer, "Resize", in, output)
				.attr("mode", "linear")
				.attr("coordinate_transformation_mode", "half_pixel");
	}
}
