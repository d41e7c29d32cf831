package sc.fiji.convnet.onnx.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ReferenceConvKernels;

/** Models written by {@link OnnxWriter} load and run in ONNX Runtime and compute what our reference computes. */
class OnnxWriterTest {

	private static float[] random(Random r, long size) {
		float[] a = new float[(int) size];
		for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
		return a;
	}

	@Test
	void convModelsRunInOrtLikeTheReference() throws Exception {
		ConvGeometry[] cases = {
				new ConvGeometry(1, 3, 12, 10, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
				new ConvGeometry(2, 4, 13, 11, 6, 3, 2, 2, 1, 1, 2, 0, 2, 1, 0, 2),  // stride, dilation, asymmetric pads, groups
				new ConvGeometry(1, 5, 9, 9, 5, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 5),   // depthwise, dilated
				new ConvGeometry(1, 3, 7, 8, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1) }; // 1×1
		Random r = new Random(3);
		for (int k = 0; k < cases.length; k++) {
			ConvGeometry g = cases[k];
			float[] x = random(r, g.inputSize()), w = random(r, g.weightSize());
			float[] b = k % 2 == 0 ? random(r, g.cout) : null;
			float[] expected = new float[(int) g.outputSize()];
			new ReferenceConvKernels().forward(g, x, w, b, expected, 1);
			float[] actual = OrtTestSupport.run(SingleConvModel.of(g, w, b).toByteArray(), "x", x, new long[] { g.n, g.cin, g.h, g.w });
			assertEquals(expected.length, actual.length, "output size for " + g);
			for (int i = 0; i < expected.length; i++)
				assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), "ORT vs reference at " + i + " for " + g);
		}
	}

	@Test
	void symbolicDimensionsAndAttributesOfEveryTypeAreRead() throws Exception {
		// LeakyRelu(alpha: float) then Transpose(perm: ints); ORT must parse both attribute kinds and the symbolic N.
		OnnxWriter m = new OnnxWriter("attrs").producer("test", "1");
		m.input("x", OnnxDim.param("N"), OnnxDim.of(2), OnnxDim.of(3));
		m.node("LeakyRelu", new String[] { "x" }, new String[] { "a" }).attr("alpha", 0.25f);
		m.node("Transpose", new String[] { "a" }, new String[] { "y" }).attrInts("perm", 0, 2, 1);
		m.output("y", OnnxDim.param("N"), OnnxDim.of(3), OnnxDim.of(2));
		byte[] bytes = m.toByteArray();

		OrtEnvironment env = OrtTestSupport.environment();
		try (OrtSession s = env.createSession(bytes, new OrtSession.SessionOptions())) {
			TensorInfo in = (TensorInfo) s.getInputInfo().get("x").getInfo();
			assertArrayEquals(new long[] { -1, 2, 3 }, in.getShape());
			NodeInfo out = s.getOutputInfo().get("y");
			assertArrayEquals(new long[] { -1, 3, 2 }, ((TensorInfo) out.getInfo()).getShape());
			float[] x = { -4, 1, 2, 3, -8, 5 }; // [[-4,1,2],[3,-8,5]]
			try (ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] { 1, 2, 3 });
					OrtSession.Result r = s.run(Map.of("x", t))) {
				float[][][] y = (float[][][]) r.get(0).getValue();
				// leaky relu: [[-1,1,2],[3,-2,5]], transposed: [[-1,3],[1,-2],[2,5]]
				assertArrayEquals(new float[] { -1, 3 }, y[0][0]);
				assertArrayEquals(new float[] { 1, -2 }, y[0][1]);
				assertArrayEquals(new float[] { 2, 5 }, y[0][2]);
			}
		}
	}

	@Test
	void int64InitializersAndTensorAttributesWork() throws Exception {
		// Reshape with an int64 shape initializer, then Add of a Constant node (tensor attribute 'value')
		OnnxWriter m = new OnnxWriter("reshape");
		m.input("x", OnnxDim.of(6));
		m.initializer(OnnxTensor.int64s("shape", new long[] { 2, 3 }, 2));
		m.node("Reshape", new String[] { "x", "shape" }, new String[] { "r" });
		m.node("Constant", new String[0], new String[] { "c" }).attr("value", OnnxTensor.floats("cval", new float[] { 10, 20, 30 }, 3));
		m.node("Add", new String[] { "r", "c" }, new String[] { "y" });
		m.output("y", OnnxDim.of(2, 3));
		float[] y = OrtTestSupport.run(m.toByteArray(), "x", new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 6 });
		assertArrayEquals(new float[] { 11, 22, 33, 14, 25, 36 }, y);
	}

	@Test
	void danglingNamesAreRejectedWithTheGraphName() {
		OnnxWriter m = new OnnxWriter("broken");
		m.input("x", OnnxDim.of(1));
		m.node("Relu", new String[] { "nope" }, new String[] { "y" });
		m.output("y", OnnxDim.of(1));
		IllegalStateException e = assertThrows(IllegalStateException.class, m::toByteArray);
		assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("nope"), e.getMessage());
	}
}
