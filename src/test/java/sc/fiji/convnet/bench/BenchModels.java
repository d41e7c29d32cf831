package sc.fiji.convnet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import sc.fiji.convnet.onnx.write.OnnxDim;
import sc.fiji.convnet.onnx.write.OnnxTensor;
import sc.fiji.convnet.onnx.write.OnnxWriter;

/** Small ONNX models for tiling benchmarks, with symbolic N, H and W so that tiles of any size can be batched. */
final class BenchModels {

	private BenchModels() {}

	/**
	 * {@code hidden == 0}: 3×3 conv 1→1 + sigmoid (the cheapest model, so tiling costs show most).
	 * {@code hidden > 0}: 3×3 conv 1→hidden, ReLU, 3×3 conv hidden→1, sigmoid (halo 2).
	 */
	static Path convSigmoid(Path file, int hidden) throws IOException {
		OnnxWriter m = new OnnxWriter("bench").opset(17);
		m.input("x", OnnxDim.param("N"), OnnxDim.of(1), OnnxDim.param("H"), OnnxDim.param("W"));
		SplittableRandom rng = new SplittableRandom(3);
		String last = "x";
		int cin = 1;
		int[] widths = hidden > 0 ? new int[] { hidden, 1 } : new int[] { 1 };
		for (int i = 0; i < widths.length; i++) {
			int cout = widths[i];
			float[] w = new float[cout * cin * 9];
			for (int j = 0; j < w.length; j++) w[j] = (float) ((rng.nextDouble() - 0.5) / Math.sqrt(cin * 9.0));
			float[] b = new float[cout];
			m.initializer(OnnxTensor.floats("w" + i, w, cout, cin, 3, 3));
			m.initializer(OnnxTensor.floats("b" + i, b, cout));
			String out = "conv" + i;
			m.node("Conv", new String[] { last, "w" + i, "b" + i }, new String[] { out }).name(out)
					.attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1);
			last = out;
			if (i < widths.length - 1) {
				m.node("Relu", new String[] { last }, new String[] { "relu" + i }).name("relu" + i);
				last = "relu" + i;
			}
			cin = cout;
		}
		m.node("Sigmoid", new String[] { last }, new String[] { "y" }).name("sigmoid");
		m.output("y", OnnxDim.param("N"), OnnxDim.of(1), OnnxDim.param("H"), OnnxDim.param("W"));
		m.write(file);
		return file;
	}
}
