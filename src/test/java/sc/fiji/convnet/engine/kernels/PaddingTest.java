package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.tensor.Tensor;

class PaddingTest {

	private static float[] pad1d(float[] row, int left, int right, PaddingMode mode) {
		return Padding.pad(new Tensor(row.clone(), 1, 1, 1, row.length), 0, left, 0, right, mode).data();
	}

	@Test
	void rowsMatchNumpyPad() {
		// expected values printed by numpy 1.x: np.pad([1,2,3,4,5], (2,3), mode) and np.pad([1,2,3], 5, 'reflect')
		float[] a = { 1, 2, 3, 4, 5 };
		assertArrayEquals(new float[] { 3, 2, 1, 2, 3, 4, 5, 4, 3, 2 }, pad1d(a, 2, 3, PaddingMode.REFLECT));
		assertArrayEquals(new float[] { 1, 1, 1, 2, 3, 4, 5, 5, 5, 5 }, pad1d(a, 2, 3, PaddingMode.REPLICATE));
		assertArrayEquals(new float[] { 0, 0, 1, 2, 3, 4, 5, 0, 0, 0 }, pad1d(a, 2, 3, PaddingMode.ZERO));
		assertArrayEquals(new float[] { 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2 }, pad1d(new float[] { 1, 2, 3 }, 5, 5, PaddingMode.REFLECT));
	}

	@Test
	void twoDimensionsPadRowsAndColumns() {
		// 2×2 image [[1,2],[3,4]] padded by one on top and left, reflect: np.pad(a, ((1,0),(1,0)), 'reflect')
		Tensor x = new Tensor(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
		Tensor p = Padding.pad(x, 1, 1, 0, 0, PaddingMode.REFLECT);
		assertArrayEquals(new int[] { 1, 1, 3, 3 }, p.shape());
		assertArrayEquals(new float[] { 4, 3, 4, 2, 1, 2, 4, 3, 4 }, p.data());
		Tensor e = Padding.pad(x, 0, 0, 1, 1, PaddingMode.REPLICATE);
		assertArrayEquals(new float[] { 1, 2, 2, 3, 4, 4, 3, 4, 4 }, e.data());
	}

	@Test
	void adjointSatisfiesDotProductIdentity() {
		// <pad(x), v> = <x, padAdjoint(v)> for every x and v defines the adjoint; checked in double precision
		Random r = new Random(5);
		for (PaddingMode mode : PaddingMode.values())
			for (int trial = 0; trial < 20; trial++) {
				int n = 1 + r.nextInt(2), c = 1 + r.nextInt(3), h = 1 + r.nextInt(6), w = 1 + r.nextInt(6);
				int t = r.nextInt(8), l = r.nextInt(8), b = r.nextInt(8), rt = r.nextInt(8);
				Tensor x = new Tensor(ConvTestData.random(r, (long) n * c * h * w), n, c, h, w);
				Tensor v = new Tensor(ConvTestData.random(r, (long) n * c * (h + t + b) * (w + l + rt)), n, c, h + t + b, w + l + rt);
				float[] px = Padding.pad(x, t, l, b, rt, mode).data();
				float[] av = Padding.padAdjoint(v, t, l, b, rt, mode).data();
				double lhs = 0, rhs = 0;
				for (int i = 0; i < px.length; i++) lhs += (double) px[i] * v.data()[i];
				for (int i = 0; i < av.length; i++) rhs += (double) x.data()[i] * av[i];
				assertEquals(lhs, rhs, 1e-4 * (1 + Math.abs(lhs)), mode + " " + n + "×" + c + "×" + h + "×" + w);
			}
	}

	@Test
	void adjointOfReplicateAddsBorderGradients() {
		// padding [a b] by 2 on the right with 'edge' copies b twice more: its gradient is 1 + 1 + 1
		Tensor ones = new Tensor(new float[] { 1, 1, 1, 1 }, 1, 1, 1, 4);
		assertArrayEquals(new float[] { 1, 3 }, Padding.padAdjoint(ones, 0, 0, 0, 2, PaddingMode.REPLICATE).data());
	}

	@Test
	void badShapesAreReported() {
		Tensor g = new Tensor(new float[4], 1, 1, 2, 2);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Padding.padAdjoint(g, 1, 1, 1, 1, PaddingMode.ZERO));
		assertEquals(true, e.getMessage().contains("Padding"));
	}
}
