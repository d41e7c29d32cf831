package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.*;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sc.fiji.convnet.tensor.Tensor;

class FlipAveragingPredictorTest {

	private static Tensor random(int h, int w, long seed) {
		SplittableRandom rng = new SplittableRandom(seed);
		float[] d = new float[h * w];
		for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextDouble();
		return new Tensor(d, 1, 1, h, w);
	}

	/** The same view built with ImageJ's own flips and rotations. */
	private static float[] imagejView(Tensor t, int view) {
		ImageProcessor ip = new FloatProcessor(t.w(), t.h(), t.data().clone());
		if ((view & 1) != 0) ip.flipHorizontal();
		if ((view & 2) != 0) ip.flipVertical();
		if ((view & 4) != 0) { ip = ip.rotateRight(); ip.flipHorizontal(); } // transposition
		return (float[]) ip.getPixels();
	}

	@Test
	void viewsMatchImageJFlipsAndRotationsAndInvert() {
		Tensor t = random(5, 7, 1);
		for (int view = 0; view < 8; view++) {
			Tensor v = FlipAveragingPredictor.Dihedral.apply(t, view);
			assertArrayEquals(imagejView(t, view), v.data(), "view " + view);
			assertArrayEquals(t.data(), FlipAveragingPredictor.Dihedral.inverse(v, view).data(), "inverse of view " + view);
		}
	}

	@Test
	void averagesTheTurnedBackOutputsOfEveryView() {
		// a predictor that is not flip-equivariant: output = input shifted one pixel to the right
		Predictor shift = new Predictor() {
			@Override public Tensor predict(Tensor in) {
				Tensor out = Tensor.zeros(in.n(), in.c(), in.h(), in.w());
				for (int y = 0; y < in.h(); y++)
					for (int x = 1; x < in.w(); x++) out.data()[y * in.w() + x] = in.data()[y * in.w() + x - 1];
				return out;
			}
			@Override public String describe() { return "shift"; }
		};
		Tensor t = random(6, 4, 2);
		int h = 6, w = 4;
		float[] expected = new float[h * w];
		float[] in = t.data();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				// views 0/2: shift right; 1/3: shift left; 4/6: shift down; 5/7: shift up (transposed shift)
				float right = x > 0 ? in[y * w + x - 1] : 0, left = x < w - 1 ? in[y * w + x + 1] : 0;
				float down = y > 0 ? in[(y - 1) * w + x] : 0, up = y < h - 1 ? in[(y + 1) * w + x] : 0;
				expected[y * w + x] = (2 * right + 2 * left + 2 * down + 2 * up) / 8;
			}
		assertArrayEquals(expected, new FlipAveragingPredictor(shift, 8).predict(t).data(), 1e-6f);
		float[] two = new float[h * w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) two[y * w + x] = ((x > 0 ? in[y * w + x - 1] : 0) + (x < w - 1 ? in[y * w + x + 1] : 0)) / 2;
		assertArrayEquals(two, new FlipAveragingPredictor(shift, 2).predict(t).data(), 1e-6f);
	}

	@Test
	void refusesOtherViewCounts() {
		Predictor id = new Predictor() {
			@Override public Tensor predict(Tensor in) { return in; }
			@Override public String describe() { return "identity"; }
		};
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FlipAveragingPredictor(id, 3));
		assertTrue(e.getMessage().contains("3"));
	}
}
