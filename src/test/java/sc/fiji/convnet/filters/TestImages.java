package sc.fiji.convnet.filters;

import java.util.Random;

import ij.process.FloatProcessor;

final class TestImages {

	private TestImages() {}

	static float[] random(Random rnd, int n, float lo, float hi) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rnd.nextFloat();
		return v;
	}

	static FloatProcessor randomFloat(Random rnd, int w, int h) {
		return new FloatProcessor(w, h, random(rnd, w * h, -1, 1));
	}

	static Kernel2D randomKernel(Random rnd, int w, int h) {
		return Kernel2D.of(w, h, random(rnd, w * h, -1, 1));
	}
}
