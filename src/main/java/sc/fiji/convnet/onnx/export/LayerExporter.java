package sc.fiji.convnet.onnx.export;

import sc.fiji.convnet.engine.Layer;

/**
 * Writes the ONNX nodes of one engine layer type. An exporter reads the layer's {@link Layer#config()} and
 * {@link Layer#parameters()} only, so it needs no access to the layer's class; register new ones with
 * {@link LayerExporters#register}.
 */
@FunctionalInterface
public interface LayerExporter {

	/**
	 * Adds nodes to {@code graph} that compute {@code output} from the values named {@code inputs}.
	 *
	 * @param layer the layer to export
	 * @param graph where nodes and constants go
	 * @param inputs names of the values that feed the layer, in the layer's input order
	 * @param output the name the layer's result must have
	 */
	void export(Layer layer, ExportGraph graph, String[] inputs, String output);

	/**
	 * Called for every layer before any is exported, so that a layer can ask an earlier one for an extra
	 * value ({@link ExportGraph#request}); nothing by default.
	 */
	default void prepare(Layer layer, ExportGraph graph) {}
}
