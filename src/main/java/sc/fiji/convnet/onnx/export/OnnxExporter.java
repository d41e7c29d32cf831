package sc.fiji.convnet.onnx.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.write.OnnxDim;
import sc.fiji.convnet.onnx.write.OnnxWriter;

/**
 * Writes an engine {@link Network} as an ONNX model (opset 17) for inference: one graph input "input"
 * (N×C×H×W with N, H and W symbolic), one output "output", and per layer the nodes its
 * {@link LayerExporter} writes. Batch normalization uses the running statistics.
 * <pre>
 * Network net = UNet.builder().inChannels(1).classes(3).depth(3).baseWidth(16).build();
 * // ... train ...
 * OnnxExporter.export(net, Path.of("model/model.onnx"));
 * </pre>
 */
public final class OnnxExporter {

	public static final String INPUT = "input";
	public static final String OUTPUT = "output";
	public static final int OPSET = 17;

	private OnnxExporter() {}

	/** Writes the network to {@code file} (parent folders are created), for inputs of any H and W. */
	public static void export(Network net, Path file) throws IOException {
		export(net, file, file.getFileName().toString().replaceFirst("\\.onnx$", ""), null);
	}

	/**
	 * Writes the network to {@code file} with a graph name; {@code fixed} fixes H and W (null: symbolic).
	 */
	public static void export(Network net, Path file, String graphName, FixedSize fixed) throws IOException {
		OnnxWriter w = toOnnx(net, graphName, fixed);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) Files.createDirectories(parent);
		w.write(file);
	}

	/** The ONNX model of the network, not yet written; {@code fixed} fixes H and W (null: symbolic). */
	public static OnnxWriter toOnnx(Network net, String graphName, FixedSize fixed) {
		OnnxWriter w = new OnnxWriter(graphName).opset(OPSET);
		w.doc("Exported from a ConvNet for Fiji engine network");
		w.input(INPUT, OnnxDim.param("N"), OnnxDim.of(net.inputChannels()),
				fixed == null ? OnnxDim.param("H") : OnnxDim.of(fixed.height()), fixed == null ? OnnxDim.param("W") : OnnxDim.of(fixed.width()));
		List<Layer> layers = net.layers();
		ExportGraph g = new ExportGraph(w, INPUT, OUTPUT);
		String[] values = new String[layers.size() + 1];
		values[0] = INPUT;
		int[][] shapes = sampleShapes(net, fixed);
		g.sampleShape(INPUT, shapes[0]);
		for (Layer layer : layers) LayerExporters.of(layer).prepare(layer, g);
		for (int k = 1; k <= layers.size(); k++) {
			Layer layer = layers.get(k - 1);
			int[] from = net.inputsOf(k);
			String[] in = new String[from.length];
			for (int j = 0; j < from.length; j++) in[j] = values[from[j]];
			values[k] = k == layers.size() ? OUTPUT : g.name(layer, "out");
			g.sampleShape(values[k], shapes[k]);
			g.layer(layer, in);
			LayerExporters.of(layer).export(layer, g, in, values[k]);
		}
		w.output(OUTPUT, OutputAxes.of(net, fixed).onnxDims());
		return w;
	}

	private static int[][] sampleShapes(Network net, FixedSize fixed) {
		int[] in = OutputAxes.sampleInput(net, fixed);
		try {
			return OutputAxes.shapes(net, in);
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new OnnxExportException("ONNX export: the network rejects the sample input " + java.util.Arrays.toString(in)
					+ (fixed == null ? " (a network that accepts only one size needs a FixedSize)" : "") + ": " + e.getMessage(), e);
		}
	}
}
