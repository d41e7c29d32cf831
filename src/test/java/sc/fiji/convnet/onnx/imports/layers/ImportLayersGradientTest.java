package sc.fiji.convnet.onnx.imports.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.layers.Reshape;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Every import layer's backward pass against central finite differences of L = Σ w·forward(x) (w random), for every
 * input and for parameters; and a few forward values against hand-computed ones.
 */
class ImportLayersGradientTest {

	private static final Random RANDOM = new Random(7);

	private static Tensor random(int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) RANDOM.nextGaussian();
		return t;
	}

	/** Values kept away from 0 (for Log, Sqrt, Div, Abs, kinks). */
	private static Tensor positive(int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = 0.5f + RANDOM.nextFloat() * 1.5f;
		return t;
	}

	private static double loss(Layer l, Tensor[] in, float[] w) {
		Tensor y = l.forward(in, Phase.INFERENCE);
		double s = 0;
		for (int i = 0; i < w.length; i++) s += (double) w[i] * y.data()[i];
		return s;
	}

	/** Checks ∂L/∂inputs and ∂L/∂parameters against central differences. */
	static void check(Layer l, Tensor... in) {
		Tensor y = l.forward(in, Phase.EVAL_WITH_GRADIENTS);
		Tensor w = random(y.shape());
		for (Parameter p : l.parameters()) p.zeroGrad();
		Tensor[] g = l.backward(w);
		assertEquals(in.length, g.length, l + ": one gradient per input");
		double h = 1e-3;
		for (int k = 0; k < in.length; k++) {
			assertArrayEquals(in[k].shape(), g[k].shape(), l + ": gradient shape of input " + k);
			float[] x = in[k].data();
			for (int i = 0; i < x.length; i++) {
				float keep = x[i];
				x[i] = (float) (keep + h);
				double up = loss(l, in, w.data());
				x[i] = (float) (keep - h);
				double down = loss(l, in, w.data());
				x[i] = keep;
				double fd = (up - down) / (2 * h);
				assertEquals(fd, g[k].data()[i], 2e-2 * Math.max(1, Math.abs(fd)), l + ": ∂L/∂input" + k + "[" + i + "]");
			}
		}
		for (Parameter p : l.parameters()) {
			float[] v = p.value().data();
			for (int i = 0; i < v.length; i++) {
				float keep = v[i];
				v[i] = (float) (keep + h);
				double up = loss(l, in, w.data());
				v[i] = (float) (keep - h);
				double down = loss(l, in, w.data());
				v[i] = keep;
				double fd = (up - down) / (2 * h);
				assertEquals(fd, p.grad().data()[i], 2e-2 * Math.max(1, Math.abs(fd)), l + ": ∂L/∂" + p.name() + "[" + i + "]");
			}
		}
	}

	@Test
	void viewPermuteSlice() {
		check(Reshape.view(2, 12), random(2, 3, 4));
		Permute p = new Permute(0, 2, 3, 1);
		Tensor x = random(2, 3, 4, 5);
		Tensor y = p.forward(x, Phase.INFERENCE);
		assertArrayEquals(new int[] { 2, 4, 5, 3 }, y.shape());
		assertEquals(x.get(1, 2, 3, 4), y.get(1, 3, 4, 2));
		check(p, x);
		Slice s = new Slice(1, 1, 2);
		Tensor z = s.forward(x, Phase.INFERENCE);
		assertEquals(x.get(1, 2, 3, 4), z.get(1, 1, 3, 4));
		check(s, x);
	}

	@Test
	void padModes() {
		Tensor x = random(1, 2, 3, 4);
		Pad reflect = new Pad(new int[] { 0, 0, 2, 1 }, new int[] { 0, 0, 1, 3 }, Pad.Mode.REFLECT, 0);
		Tensor y = reflect.forward(x, Phase.INFERENCE);
		assertArrayEquals(new int[] { 1, 2, 6, 8 }, y.shape());
		assertEquals(x.get(0, 1, 2, 1), y.get(0, 1, 0, 0), "row −2 mirrors row 2, column −1 mirrors column 1");
		check(reflect, x);
		Pad edge = new Pad(new int[] { 0, 0, 1, 2 }, new int[] { 0, 0, 2, 1 }, Pad.Mode.EDGE, 0);
		assertEquals(x.get(0, 0, 2, 3), edge.forward(x, Phase.INFERENCE).get(0, 0, 5, 6));
		check(edge, x);
		Pad constant = new Pad(new int[] { 0, 1, 1, -1 }, new int[] { 0, 0, 0, 2 }, Pad.Mode.CONSTANT, 2.5f);
		Tensor c = constant.forward(x, Phase.INFERENCE);
		assertArrayEquals(new int[] { 1, 3, 4, 5 }, c.shape());
		assertEquals(2.5f, c.get(0, 0, 2, 2));
		assertEquals(x.get(0, 1, 1, 1), c.get(0, 2, 2, 0), "a negative pad crops");
		check(constant, x);
	}

	@Test
	void pool2dWithDilationCeilAndUnevenPads() {
		Tensor x = random(1, 2, 7, 8);
		check(new Pool2d(true, new int[] { 3, 2 }, new int[] { 2, 2 }, new int[] { 2, 1 }, new int[] { 1, 0, 2, 1 }, true, false), x);
		check(new Pool2d(false, new int[] { 3, 3 }, new int[] { 2, 2 }, new int[] { 1, 1 }, new int[] { 1, 1, 0, 1 }, true, false), x);
		check(new Pool2d(false, new int[] { 2, 3 }, new int[] { 1, 2 }, new int[] { 2, 1 }, new int[] { 1, 1, 1, 1 }, false, true), x);
		// average of a 2×2 window with one padded row excluded from the divisor
		Tensor ones = Tensor.zeros(1, 1, 2, 2).fill(1);
		Tensor a = new Pool2d(false, new int[] { 2, 2 }, new int[] { 2, 2 }, new int[] { 1, 1 }, new int[] { 1, 0, 1, 0 }, false, false).forward(ones, Phase.INFERENCE);
		assertEquals(1f, a.get(0, 0, 0, 0));
		Tensor b = new Pool2d(false, new int[] { 2, 2 }, new int[] { 2, 2 }, new int[] { 1, 1 }, new int[] { 1, 0, 1, 0 }, false, true).forward(ones, Phase.INFERENCE);
		assertEquals(0.5f, b.get(0, 0, 0, 0));
	}

	@Test
	void conv3dAndPool3d() {
		Conv3d c = new Conv3d(4, 2, new int[] { 2, 3, 2 }, new int[] { 1, 2, 1 }, new int[] { 2, 1, 1 }, new int[] { 1, 1, 0, 0, 1, 1 }, 2, true);
		c.weight().set(random(c.weight().shape()).data());
		c.biasParameter().set(random(2).data());
		check(c, random(1, 4, 4, 5, 3));
		// one hand-computed value: a 1×1×1 kernel is a per-voxel scale plus bias
		Conv3d unit = new Conv3d(1, 1, new int[] { 1, 1, 1 }, new int[] { 1, 1, 1 }, new int[] { 1, 1, 1 }, new int[6], 1, true);
		unit.weight().set(new float[] { 3 });
		unit.biasParameter().set(new float[] { 1 });
		assertEquals(7f, unit.forward(new Tensor(new float[] { 2 }, 1, 1, 1, 1, 1), Phase.INFERENCE).data()[0]);
		Tensor x = random(1, 2, 5, 4, 5);
		check(new Pool3d(true, new int[] { 2, 2, 3 }, new int[] { 2, 1, 2 }, new int[] { 1, 2, 1 }, new int[] { 1, 0, 1, 1, 1, 0 }, true, false), x);
		check(new Pool3d(false, new int[] { 2, 2, 2 }, new int[] { 2, 2, 2 }, new int[] { 1, 1, 1 }, new int[] { 1, 1, 1, 0, 1, 1 }, true, false), x);
		check(new Pool3d(false, new int[] { 3, 2, 2 }, new int[] { 1, 2, 2 }, new int[] { 1, 1, 1 }, new int[] { 1, 1, 0, 1, 0, 1 }, false, true), x);
	}

	@Test
	void lookupRowsAndTableGradient() {
		Lookup l = new Lookup(true, 3, 2);
		l.table().set(new float[] { 1, 2, 3, 4, 5, 6 });
		Tensor idx = new Tensor(new float[] { 2, 0, -1 }, 1, 3);
		Tensor y = l.forward(idx, Phase.EVAL_WITH_GRADIENTS);
		assertArrayEquals(new int[] { 1, 3, 2 }, y.shape());
		assertArrayEquals(new float[] { 5, 6, 1, 2, 5, 6 }, y.data());
		l.backward(new Tensor(new float[] { 1, 1, 2, 2, 3, 3 }, 1, 3, 2));
		assertArrayEquals(new float[] { 2, 2, 0, 0, 4, 4 }, l.table().grad().data(), "row 2 is used twice (1 + 3), row 0 once (2)");
		assertThrows(IllegalArgumentException.class, () -> l.forward(new Tensor(new float[] { 0.5f }, 1, 1), Phase.INFERENCE));
	}

	@Test
	void unaryFunctions() {
		for (UnaryMath.Kind k : UnaryMath.Kind.values()) {
			Tensor x = k == UnaryMath.Kind.LOG || k == UnaryMath.Kind.SQRT || k == UnaryMath.Kind.RECIPROCAL ? positive(2, 3) : random(2, 3);
			if (k == UnaryMath.Kind.ABS || k == UnaryMath.Kind.CLIP || k == UnaryMath.Kind.HARD_SIGMOID)
				for (int i = 0; i < x.size(); i++) if (Math.abs(x.data()[i]) < 0.05) x.data()[i] = 0.3f; // away from kinks
			UnaryMath l = k == UnaryMath.Kind.CLIP ? new UnaryMath(k, -0.5, 0.7) : k == UnaryMath.Kind.HARD_SIGMOID ? new UnaryMath(k, 0.2, 0.5) : new UnaryMath(k);
			if (k == UnaryMath.Kind.CLIP) for (int i = 0; i < x.size(); i++) if (Math.abs(x.data()[i] + 0.5) < 0.05 || Math.abs(x.data()[i] - 0.7) < 0.05) x.data()[i] = 0.1f;
			check(l, x);
		}
		assertEquals((float) Math.log1p(Math.exp(2.0)), new UnaryMath(UnaryMath.Kind.SOFTPLUS).forward(new Tensor(new float[] { 2 }, 1), Phase.INFERENCE).data()[0], 1e-6);
	}

	@Test
	void broadcastArithmetic() {
		for (BinaryOp op : BinaryOp.values()) {
			Tensor a = op == BinaryOp.POW ? positive(2, 3, 4) : random(2, 3, 4);
			check(new BroadcastBinary(op), a, positive(3, 1));
			check(new BroadcastBinary(op), op == BinaryOp.POW ? positive(1, 4) : random(1, 4), positive(2, 3, 1));
		}
		Tensor y = new BroadcastBinary(BinaryOp.SUB).forward(new Tensor[] { new Tensor(new float[] { 1, 2, 3, 4 }, 2, 2), new Tensor(new float[] { 10, 20 }, 2, 1) }, Phase.INFERENCE);
		assertArrayEquals(new float[] { -9, -8, -17, -16 }, y.data());
	}

	@Test
	void constantOperandGetsGradients() {
		for (BinaryOp op : BinaryOp.values())
			for (boolean first : new boolean[] { false, true }) {
				ConstantArithmetic c = ConstantArithmetic.of(op, first, true, positive(1, 3, 1, 1).data(), 1, 3, 1, 1);
				check(c, op == BinaryOp.POW || op == BinaryOp.DIV && first ? positive(2, 3, 2, 2) : random(2, 3, 2, 2));
			}
		ConstantArithmetic rdiv = ConstantArithmetic.of(BinaryOp.DIV, true, false, new float[] { 6 }, new int[0]);
		assertEquals(3f, rdiv.forward(new Tensor(new float[] { 2 }, 1), Phase.INFERENCE).data()[0]);
		assertTrue(!rdiv.constant().trainable());
	}

	@Test
	void maxAndMinWithBroadcasting() {
		check(new BroadcastBinary(BinaryOp.MAX), random(2, 3), random(1, 3));
		check(new BroadcastBinary(BinaryOp.MIN), random(2, 3), random(2, 1));
		Tensor y = new BroadcastBinary(BinaryOp.MAX).forward(new Tensor[] { new Tensor(new float[] { 1, -2 }, 2), new Tensor(new float[] { 0 }, 1) }, Phase.INFERENCE);
		assertArrayEquals(new float[] { 1, 0 }, y.data());
	}

	@Test
	void matMulOfTwoComputedMatrices() {
		Tensor a = new Tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3), b = new Tensor(new float[] { 1, 0, 0, 1, 1, 1 }, 3, 2);
		assertArrayEquals(new float[] { 4, 5, 10, 11 }, new MatMul().forward(new Tensor[] { a, b }, Phase.INFERENCE).data());
		check(new MatMul(), random(3, 4), random(4, 2));
	}

	@Test
	void reduceSumAndMean() {
		Tensor x = new Tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 1, 2, 3);
		assertArrayEquals(new float[] { 6, 15 }, new Reduce(new int[] { 2 }, false).forward(new Tensor[] { x }, Phase.INFERENCE).data());
		assertArrayEquals(new float[] { 2.5f, 3.5f, 4.5f }, new Reduce(new int[] { 1 }, true).forward(new Tensor[] { x }, Phase.INFERENCE).data());
		check(new Reduce(new int[] { 0, 2 }, true), random(2, 3, 4));
		check(new Reduce(new int[] { 1 }, false), random(2, 3, 4));
	}

	@Test
	void tileRepeatsAndSumsBack() {
		Tensor x = new Tensor(new float[] { 1, 2 }, 1, 2);
		assertArrayEquals(new float[] { 1, 2, 1, 2, 1, 2, 1, 2 }, new Tile(new int[] { 2, 2 }).forward(new Tensor[] { x }, Phase.INFERENCE).data());
		check(new Tile(new int[] { 2, 1, 3 }), random(1, 2, 2));
	}
}
