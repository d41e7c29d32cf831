package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.predict.FlipAveragingPredictor;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.tensor.Tensor;

class StarRaysTest {

	@Test
	void raysFromADiskCentreReachItsRadius() {
		int w = 41, h = 41, radius = 12;
		int[] labels = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) if ((x - 20) * (x - 20) + (y - 20) * (y - 20) <= radius * radius) labels[y * w + x] = 3;
		float[][] rays = StarRays.lengths(labels, w, h, 32);
		for (int k = 0; k < 32; k++) assertEquals(radius, rays[k][20 * w + 20] * StarRays.UNIT, 1.0, "ray " + k);
		assertEquals(0, rays[5][0]);
	}

	@Test
	void raysStopAtTheNeighboursEdgeAndTheImageEdge() {
		int w = 20, h = 5;
		int[] labels = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) labels[y * w + x] = x < 10 ? 1 : 2;
		float[][] rays = StarRays.lengths(labels, w, h, 4); // right, down, left, up
		int at = 2 * w + 7;
		assertEquals(2.5f, rays[0][at] * StarRays.UNIT, 1e-5f); // pixels 8, 9 are its nucleus, 10 the neighbour's
		assertEquals(2.5f, rays[1][at] * StarRays.UNIT, 1e-5f); // rows 3, 4, then the image ends
		assertEquals(7.5f, rays[2][at] * StarRays.UNIT, 1e-5f);
		assertThrows(IllegalArgumentException.class, () -> StarRays.lengths(labels, w, h, 6));
	}

	/** A fake network that outputs the ray lengths of the label image it is given: turned views must agree once turned back. */
	@Test
	void flipAveragingTurnsRayChannelsBackToTheirDirections() {
		int w = 24, h = 17, rays = 32;
		int[] labels = blobs(w, h, new SplittableRandom(5));
		float[][] direct = StarRays.lengths(labels, w, h, rays);
		Predictor raysOfInput = new Predictor() {
			@Override
			public Tensor predict(Tensor input) {
				int iw = input.w(), ih = input.h();
				int[] l = new int[iw * ih];
				for (int i = 0; i < l.length; i++) l[i] = Math.round(input.data()[i]);
				float[][] r = StarRays.lengths(l, iw, ih, rays);
				float[] out = new float[(1 + rays) * iw * ih];
				System.arraycopy(input.data(), 0, out, 0, iw * ih); // a channel that does not turn
				for (int k = 0; k < rays; k++) System.arraycopy(r[k], 0, out, (1 + k) * iw * ih, iw * ih);
				return new Tensor(out, 1, 1 + rays, ih, iw);
			}
			@Override public int sizeMultiple() { return 1; }
			@Override public int halo() { return 0; }
			@Override public String describe() { return "ray lengths of the input's labels"; }
			@Override public void close() {}
		};
		float[] image = new float[w * h];
		for (int i = 0; i < image.length; i++) image[i] = labels[i];
		Tensor averaged = new FlipAveragingPredictor(raysOfInput, 8, StarRays.turn(1)).predict(new Tensor(image, 1, 1, h, w));
		int plane = w * h, mismatches = 0;
		for (int k = 0; k < rays; k++)
			for (int i = 0; i < plane; i++) if (Math.abs(averaged.data()[(1 + k) * plane + i] - direct[k][i]) > 1e-4) mismatches++;
		assertEquals(0, mismatches, "ray values that differ after turning back");
		assertArrayEquals(image, java.util.Arrays.copyOf(averaged.data(), plane), 1e-6f);
		// without turning the channels back the views disagree
		Tensor unturned = new FlipAveragingPredictor(raysOfInput, 8).predict(new Tensor(image, 1, 1, h, w));
		int wrong = 0;
		for (int k = 0; k < rays; k++)
			for (int i = 0; i < plane; i++) if (Math.abs(unturned.data()[(1 + k) * plane + i] - direct[k][i]) > 1e-4) wrong++;
		assertEquals(true, wrong > plane, "unturned views should disagree, " + wrong);
	}

	/** Rectangles and ellipses of several labels, some touching. */
	static int[] blobs(int w, int h, SplittableRandom r) {
		int[] l = new int[w * h];
		for (int b = 1; b <= 6; b++) {
			double cx = r.nextDouble() * w, cy = r.nextDouble() * h, ax = 2 + r.nextDouble() * 5, ay = 2 + r.nextDouble() * 4;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double u = (x - cx) / ax, v = (y - cy) / ay;
					if (u * u + v * v <= 1) l[y * w + x] = b;
				}
		}
		return l;
	}
}
