package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Two touching nuclei 4 px across in an image whose model was trained on 16-px nuclei: the segmenter enlarges the
 * image 4×, and a model with a distance output is decoded at that scale, where each nucleus has a clear centre, then
 * shrunk back; both nuclei come out, each where it lies.
 */
class EnlargedDistanceDecodingTest {

	private static final double[][] CENTRES = { { 10, 12 }, { 13.6, 12 } }; // image pixels; radius 2, overlapping by 0.4 px
	private static final double RADIUS = 2;

	/** Logits of the three classes and the distance of the two discs, drawn at whatever scale the input has. */
	private static final class TwoDiscs implements Predictor {
		private final int imageWidth;

		TwoDiscs(int imageWidth) { this.imageWidth = imageWidth; }

		@Override
		public Tensor predict(Tensor in) {
			int w = in.w(), h = in.h(), plane = w * h;
			double s = (double) w / imageWidth;
			float[] out = new float[4 * plane];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double r = Double.MAX_VALUE;
					for (double[] c : CENTRES) r = Math.min(r, Math.hypot((x + 0.5) / s - c[0], (y + 0.5) / s - c[1]));
					int i = y * w + x;
					boolean inside = r < RADIUS;
					out[i] = inside ? -4 : 4;
					out[plane + i] = inside ? 4 : -4;
					out[2 * plane + i] = -4;
					double d = inside ? 1 - r / RADIUS : 0;
					out[3 * plane + i] = (float) Math.log((d + 1e-3) / (1 - d + 1e-3));
				}
			return new Tensor(out, 1, 4, h, w);
		}

		@Override public int halo() { return 0; }
		@Override public String describe() { return "two discs"; }
		@Override public void close() {}
	}

	@Test
	void enlargedImagesAreDecodedAtTheModelsScale() {
		int w = 28, h = 24;
		SegmentationModel model = new SegmentationModel("discs", new TwoDiscs(w), InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE, t -> t,
				t -> ChannelSoftmax.forKind(t, InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE), 16);
		LabelImage labels = NucleiSegmenter.builder(model).views(1).diameter(4).minArea(20).build().segment(new float[w * h], w, h, Progress.NONE).labels();
		assertEquals(2, labels.count());
		int left = labels.labels()[12 * w + 9], right = labels.labels()[12 * w + 14];
		assertTrue(left != 0 && right != 0);
		assertNotEquals(left, right);
		int[] areas = labels.areas();
		assertTrue(Math.abs(areas[1] - areas[2]) <= 3 && areas[1] >= 6, "areas " + areas[1] + ", " + areas[2]);
	}
}
