package sc.fiji.convnet.onnx.export;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.write.OnnxDim;

/**
 * The declared dimensions of a network's output, found by comparing the output shapes for two input sizes:
 * an axis that does not change is fixed, one that follows the input's H (or W) is called "H" ("W"),
 * any other changing axis gets its own symbolic name. Axis 0 is the batch "N".
 */
final class OutputDims {

	private OutputDims() {}

	static OnnxDim[] of(Network net) {
		int m = Math.max(1, net.sizeMultiple());
		int h1 = m * Math.max(1, (64 + m - 1) / m), w1 = h1 + m; // non-square, so H and W are told apart
		int h2 = h1 + 2 * m, w2 = w1 + 3 * m;
		int[] a, b;
		try {
			a = net.outputShape(1, net.inputChannels(), h1, w1);
			b = net.outputShape(2, net.inputChannels(), h2, w2);
		} catch (IllegalArgumentException e) {
			throw new OnnxExportException("ONNX export: cannot infer the output shape of the network for inputs of "
					+ h1 + "×" + w1 + " and " + h2 + "×" + w2 + ": " + e.getMessage(), e);
		}
		if (a.length != b.length)
			throw new OnnxExportException("ONNX export: the output rank depends on the input size (" + a.length + " vs " + b.length + ")");
		OnnxDim[] d = new OnnxDim[a.length];
		for (int i = 0; i < a.length; i++) {
			if (i == 0) d[i] = OnnxDim.param("N");
			else if (a[i] == b[i]) d[i] = OnnxDim.of(a[i]);
			else if (a[i] == h1 && b[i] == h2) d[i] = OnnxDim.param("H");
			else if (a[i] == w1 && b[i] == w2) d[i] = OnnxDim.param("W");
			else d[i] = OnnxDim.param("output_dim" + i);
		}
		return d;
	}
}
