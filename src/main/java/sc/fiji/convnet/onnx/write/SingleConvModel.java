package sc.fiji.convnet.onnx.write;

import sc.fiji.convnet.engine.kernels.ConvGeometry;

/** An ONNX model of one Conv node (input "x", output "y", weights and bias as initializers) for a geometry. */
public final class SingleConvModel {

	private SingleConvModel() {}

	/** Conv (opset 17) with the geometry's kernel, strides, dilations, pads and group; b may be null. */
	public static OnnxWriter of(ConvGeometry g, float[] w, float[] b) {
		OnnxWriter m = new OnnxWriter("conv").opset(17);
		m.input("x", OnnxDim.of(g.n, g.cin, g.h, g.w));
		m.initializer(OnnxTensor.floats("w", w, g.cout, g.cinPerGroup(), g.kh, g.kw));
		String[] inputs = { "x", "w" };
		if (b != null) {
			m.initializer(OnnxTensor.floats("b", b, g.cout));
			inputs = new String[] { "x", "w", "b" };
		}
		m.node("Conv", inputs, new String[] { "y" }).name("conv")
				.attrInts("kernel_shape", g.kh, g.kw)
				.attrInts("strides", g.strideH, g.strideW)
				.attrInts("dilations", g.dilationH, g.dilationW)
				.attrInts("pads", g.padTop, g.padLeft, g.padBottom, g.padRight) // begins, then ends
				.attr("group", (long) g.groups);
		m.output("y", OnnxDim.of(g.n, g.cout, g.oh, g.ow));
		return m;
	}
}
