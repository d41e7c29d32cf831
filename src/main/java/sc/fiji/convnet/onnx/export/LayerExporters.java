package sc.fiji.convnet.onnx.export;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.layers.BatchNormExporter;
import sc.fiji.convnet.onnx.export.layers.ConcatExporter;
import sc.fiji.convnet.onnx.export.layers.ConvExporter;
import sc.fiji.convnet.onnx.export.layers.ConvTransposeExporter;
import sc.fiji.convnet.onnx.export.layers.MaxPoolExporter;
import sc.fiji.convnet.onnx.export.layers.UnaryExporter;
import sc.fiji.convnet.onnx.export.layers.UpsampleNearestExporter;

/** The exporter of each engine layer type ({@link Layer#type()}); a new layer type needs one {@link #register} call. */
public final class LayerExporters {

	private static final Map<String, LayerExporter> EXPORTERS = new TreeMap<>();

	static {
		register("Conv2d", new ConvExporter());
		register("ConvTranspose2d", new ConvTransposeExporter());
		register("BatchNorm2d", new BatchNormExporter());
		register("ReLU", new UnaryExporter("Relu"));
		register("MaxPool2d", new MaxPoolExporter());
		register("Concat", new ConcatExporter());
		register("UpsampleNearest", new UpsampleNearestExporter());
		register("GlobalAvgPool2d", new UnaryExporter("GlobalAveragePool"));
	}

	private LayerExporters() {}

	public static synchronized void register(String layerType, LayerExporter exporter) {
		EXPORTERS.put(layerType, exporter);
	}

	public static synchronized boolean supports(String layerType) { return EXPORTERS.containsKey(layerType); }

	public static synchronized Set<String> supportedTypes() { return Set.copyOf(EXPORTERS.keySet()); }

	/** The exporter for the layer's type; an exception naming the layer, its type and the supported types otherwise. */
	public static synchronized LayerExporter of(Layer layer) {
		LayerExporter e = EXPORTERS.get(layer.type());
		if (e == null)
			throw ExportGraph.error(layer, "layer type '" + layer.type() + "' cannot be exported to ONNX; supported types: " + EXPORTERS.keySet());
		return e;
	}
}
