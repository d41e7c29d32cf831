package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.loss.ClassesAndDistance;
import sc.fiji.convnet.engine.loss.ClassesDistanceAndRays;
import sc.fiji.convnet.tensor.Tensor;

class ClassesDistanceAndRaysTest {

	/** The rays' part from its definition in double precision: absolute errors weighted by the target distance (background 1e-3). */
	private static double raysReference(float[] x, float[] t, int n, int c, int rays, int plane, double lambda) {
		double sum = 0, weights = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				double d = t[(i * (2 + rays) + 1) * plane + j], w = d > 0 ? d : 1e-3;
				weights += w;
				for (int k = 0; k < rays; k++)
					sum += w * Math.abs(x[(i * c + c - rays + k) * plane + j] - t[(i * (2 + rays) + 2 + k) * plane + j]);
			}
		return lambda * sum / (rays * weights);
	}

	private static double reference(float[] x, float[] t, int n, int k, int rays, int plane, float[] w, double mu, double lambda) {
		int c = k + 1 + rays;
		float[] headX = new float[n * (k + 1) * plane], headT = new float[n * 2 * plane];
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, i * c * plane, headX, i * (k + 1) * plane, (k + 1) * plane);
			System.arraycopy(t, i * (2 + rays) * plane, headT, i * 2 * plane, 2 * plane);
		}
		int h = 1;
		double first = new ClassesAndDistance(w, mu).forward(new Tensor(headX, n, k + 1, h, plane), new Tensor(headT, n, 2, h, plane));
		return first + raysReference(x, t, n, c, rays, plane, lambda);
	}

	@Test
	void lossAndGradientMatchDefinitionAndFiniteDifferences() {
		SplittableRandom r = new SplittableRandom(11);
		int n = 2, k = 3, rays = 4, h = 3, wd = 4, plane = h * wd, c = k + 1 + rays;
		Tensor x = GradCheck.random(r, n, c, h, wd);
		Tensor t = Tensor.zeros(n, 2 + rays, h, wd);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				t.data()[(2 + rays) * i * plane + j] = r.nextInt(k);
				boolean background = r.nextInt(3) == 0;
				t.data()[((2 + rays) * i + 1) * plane + j] = background ? 0 : (float) (0.1 + 0.9 * r.nextDouble());
				for (int q = 0; q < rays; q++) t.data()[((2 + rays) * i + 2 + q) * plane + j] = background ? 0 : (float) (2 * r.nextDouble());
			}
		float[] w = { 1f, 1f, 2f };
		ClassesDistanceAndRays loss = new ClassesDistanceAndRays(w, 0.7, rays, 1.5);
		double l = loss.forward(x, t);
		assertEquals(reference(x.data(), t.data(), n, k, rays, plane, w, 0.7, 1.5), l, 1e-5);
		float[] g = loss.gradient().data().clone();
		double step = 1e-3;
		for (int i = 0; i < x.size(); i++) {
			float old = x.data()[i];
			x.data()[i] = (float) (old + step);
			double up = reference(x.data(), t.data(), n, k, rays, plane, w, 0.7, 1.5);
			x.data()[i] = (float) (old - step);
			double down = reference(x.data(), t.data(), n, k, rays, plane, w, 0.7, 1.5);
			x.data()[i] = old;
			assertEquals((up - down) / (2 * step), g[i], 2e-4, "gradient at " + i);
		}
	}

	@Test
	void mismatchedTargetsAreRefusedWithTheirShapes() {
		ClassesDistanceAndRays loss = new ClassesDistanceAndRays(null, 1, 4, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(Tensor.zeros(1, 8, 3, 3), Tensor.zeros(1, 2, 3, 3)));
		assertEquals(true, e.getMessage().contains("1×6×3×3"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new ClassesDistanceAndRays(null, 1, 4, -1));
	}
}
