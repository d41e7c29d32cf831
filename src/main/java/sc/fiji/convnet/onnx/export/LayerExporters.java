package sc.fiji.convnet.onnx.export;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.onnx.export.layers.*;

/** The exporter of each engine layer type ({@link Layer#type()}); a new layer type needs one {@link #register} call. */
public final class LayerExporters {

	private static final Map<String, LayerExporter> EXPORTERS = new TreeMap<>();

	static {
		register("Conv2d", new ConvExporter());
		register("ConvTranspose2d", new ConvTransposeExporter());
		register("BatchNorm2d", new BatchNormExporter());
		register("ReLU", new PlainOpExporter("Relu"));
		register("MaxPool2d", new MaxPoolExporter());
		register("Concat", new ConcatExporter());
		register("UpsampleNearest", new UpsampleNearestExporter());
		register("GlobalAvgPool2d", new PlainOpExporter("GlobalAveragePool"));
		// layer types of the engine's second milestone; exported by type and config alone
		register("Activation", new ActivationExporter());
		register("PReLU", new PReluExporter());
		register("Softmax", new SoftmaxExporter("Softmax"));
		register("LogSoftmax", new SoftmaxExporter("LogSoftmax"));
		register("Dropout", new PlainOpExporter("Identity"));
		register("Add", new PlainOpExporter("Sum"));
		register("Sub", new PlainOpExporter("Sub"));
		register("Mul", new PlainOpExporter("Mul"));
		register("Flatten", new PlainOpExporter("Flatten"));
		register("Reshape", new ReshapeExporter());
		register("Linear", new LinearExporter());
		register("AvgPool2d", new AvgPoolExporter());
		register("AdaptiveAvgPool2d", new GlobalPoolExporter("GlobalAveragePool"));
		register("AdaptiveMaxPool2d", new GlobalPoolExporter("GlobalMaxPool"));
		register("ResizeBilinear", new ResizeBilinearExporter());
		register("ChannelMaxPool", new ChannelMaxPoolExporter());
		register("MaxUnpool2d", new MaxUnpoolExporter());
		register("LocalResponseNorm", new LrnExporter());
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
