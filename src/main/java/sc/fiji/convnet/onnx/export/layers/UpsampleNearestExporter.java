package sc.fiji.convnet.onnx.export.layers;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.ExportGraph;
import sc.fiji.convnet.onnx.export.LayerExporter;

/**
 * UpsampleNearest → Resize (nearest, scales [1, 1, fH, fW]). With "asymmetric" coordinates and "floor"
 * rounding, output pixel y reads input pixel ⌊y / f⌋, which is the engine's block copy.
 */
public final class UpsampleNearestExporter implements LayerExporter {

	@Override
	public void export(Layer layer, ExportGraph g, String[] inputs, String output) {
		int[] f = ExportGraph.ints(layer, "factor", 2);
		String scales = g.floats(layer, "scales", new float[] { 1, 1, f[0], f[1] }, 4);
		g.node(layer, "Resize", new String[] { inputs[0], "", scales }, output)
				.attr("mode", "nearest")
				.attr("coordinate_transformation_mode", "asymmetric")
				.attr("nearest_mode", "floor");
	}
}
