package sc.fiji.convnet.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.read.ValueInfo;

/** Loads a classifier for the gradient-based methods: an engine network file, or an ONNX model imported into the engine. */
public final class ExplainModels {

	private ExplainModels() {}

	/** The network for images of {@code height × width}: ".onnx" files are imported for 1×C×height×width. */
	public static Network load(Path file, int height, int width) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("Model file not found: " + file);
		if (!file.getFileName().toString().toLowerCase().endsWith(".onnx")) return Network.load(file);
		var model = OnnxReader.read(file);
		ValueInfo in = model.graph().runtimeInputs().get(0);
		long[] dims = in.hasShape() ? in.dims() : new long[0];
		if (dims.length != 4) throw new IOException(file + ": input '" + in.name() + "' has shape " + in.shape() + "; Grad-CAM needs an N×C×H×W image input");
		int channels = dims[1] > 0 ? (int) dims[1] : 1;
		return OnnxImporter.fromModel(model, 1, channels, height, width).network();
	}

	/** The number of input channels an ONNX model declares (−1 when it is symbolic). */
	public static int onnxInputChannels(Path file) {
		ValueInfo in = OnnxReader.read(file).graph().runtimeInputs().get(0);
		long[] dims = in.hasShape() ? in.dims() : new long[0];
		return dims.length == 4 && dims[1] > 0 ? (int) dims[1] : -1;
	}
}
