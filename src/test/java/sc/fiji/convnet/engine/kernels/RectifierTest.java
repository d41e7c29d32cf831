package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The branch-free rectifier loops against the plain definition, on values that probe the bit tricks. */
class RectifierTest {

	/** Gaussian values with zeros of both signs, denormals and extremes mixed in; several pieces long. */
	private static float[] probe(int n, long seed) {
		Random r = new Random(seed);
		float[] v = new float[n];
		float[] special = { 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
				1e-40f, -1e-40f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY };
		for (int i = 0; i < n; i++) v[i] = r.nextInt(10) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
		return v;
	}

	@Test
	void forwardIsMaxWithZero() {
		for (int threads : new int[] { 1, 2, 3 }) {
			int n = 100_003;
			float[] x = probe(n, threads), y = new float[n];
			Rectifier.forward(x, y, n, threads);
			for (int i = 0; i < n; i++)
				assertEquals(Float.floatToRawIntBits(x[i] > 0 ? x[i] : 0f), Float.floatToRawIntBits(y[i]), "value " + i + " = " + x[i]);
		}
	}

	@Test
	void forwardInPlaceStopsAtLength() {
		float[] y = { -1f, 2f, -3f, -4f };
		Rectifier.forward(y, y, 3, 2);
		assertEquals(0f, y[0]);
		assertEquals(2f, y[1]);
		assertEquals(0f, y[2]);
		assertEquals(-4f, y[3], "past length: untouched");
	}

	@Test
	void gradientPassesWherePositive() {
		for (int threads : new int[] { 1, 2 }) {
			int n = 70_001;
			float[] x = probe(n, 10 + threads), y = new float[n], dy = probe(n, 20 + threads), dx = new float[n];
			for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0f;
			Rectifier.gradient(y, dy, dx, n, threads);
			for (int i = 0; i < n; i++)
				assertEquals(Float.floatToRawIntBits(y[i] > 0 ? dy[i] : 0f), Float.floatToRawIntBits(dx[i]), "value " + i + ": y " + y[i] + ", dy " + dy[i]);
		}
	}
}
