package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.TileNormalizer;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Block-wise segmentation with a per-pixel model (its probabilities depend on each pixel alone, so tiling cannot
 * change them) against {@link NucleiSegmenter} on the whole image: with margins wider than the objects, the
 * decoding of each object sees the same pixels in a block as in the whole image, so the two label images must be
 * the same partition, seam-crossing objects included.
 */
class LargeImageSegmenterTest {

	private static final int W = 600, H = 500;

	/** Background 0; disks with a 2-pixel rim of 1 and an interior rising to 2 towards the centre; overlapping disks touch. */
	static float[] disks(long seed, int count) { return disks(W, H, seed, count); }

	static float[] disks(int width, int height, long seed, int count) {
		float[] img = new float[width * height];
		Random r = new Random(seed);
		for (int k = 0; k < count; k++) {
			int cx = r.nextInt(width), cy = r.nextInt(height), radius = 5 + r.nextInt(10);
			for (int y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius); y++)
				for (int x = Math.max(0, cx - radius); x <= Math.min(width - 1, cx + radius); x++) {
					double d = Math.hypot(x - cx, y - cy);
					if (d > radius) continue;
					img[y * width + x] = d > radius - 2 ? 1 : (float) (1 + Math.min(1, (radius - d) / 4));
				}
		}
		return img;
	}

	/** Value v → background 1 − [v > 0.5], interior clamp(v − 1, 0, 1), boundary the rest, pixel by pixel. */
	static final class PerPixelModel implements Predictor {
		@Override
		public Tensor predict(Tensor in) {
			int n = in.n(), plane = in.h() * in.w();
			float[] out = new float[n * 3 * plane];
			for (int b = 0; b < n; b++)
				for (int i = 0; i < plane; i++) {
					float v = in.data()[b * plane + i];
					float fg = v > 0.5f ? 1 : 0, interior = Math.max(0, Math.min(1, v - 1));
					out[(b * 3) * plane + i] = 1 - fg;
					out[(b * 3 + 1) * plane + i] = interior;
					out[(b * 3 + 2) * plane + i] = fg - interior;
				}
			return new Tensor(out, n, 3, in.h(), in.w());
		}
		@Override public int halo() { return 8; }
		@Override public int maxBatch() { return 4; }
		@Override public String describe() { return "per-pixel test model"; }
	}

	static SegmentationModel perPixelModel() {
		return new SegmentationModel("per-pixel", new PerPixelModel(), InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY, t -> t, t -> t, 0);
	}

	private static LargeImageSegmenter blockwise(NucleiSegmenter s, int block, int margin) {
		return LargeImageSegmenter.builder(s).blockSize(block).margin(margin).normalization(img -> TileNormalizer.NONE).build();
	}

	@Test
	void blockwiseLabelsAreTheWholeImagePartitionWithUniqueIds() {
		float[] pixels = disks(7, 110);
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		LabelImage whole = s.segment(pixels, W, H, Progress.NONE).labels();

		ArrayImg<UnsignedIntType, IntArray> labels = ArrayImgs.unsignedInts(W, H);
		LargeImageSegmenter.Summary sum = blockwise(s, 128, 64).segment(ArrayImgs.floats(pixels.clone(), W, H), labels, Progress.NONE);
		LabelImage blocks = LabelChecks.toLabelImage(labels);

		assertNull(LabelChecks.samePartition(whole, blocks), "block-wise vs whole image");
		assertEquals(20, sum.blocks(), "5 × 4 blocks of 128");
		assertEquals(whole.count(), sum.objects());
		assertEquals(sum.objects(), LabelChecks.distinctIds(blocks).size(), "object count = distinct ids");
		assertEquals(sum.objects(), blocks.count(), "ids are 1…count");
		assertTrue(LabelChecks.splitLabels(blocks).isEmpty(), "no id in two places: " + LabelChecks.splitLabels(blocks));
		assertEquals(0, sum.conflictPixels());
		assertEquals(0, sum.objectsAtMargin());
		assertTrue(seamCrossing(whole, 128) >= 10, "the test image has objects across block seams: " + seamCrossing(whole, 128));
	}

	@Test
	void theSegmentersDecodingSettingsApplyToEveryBlock() {
		float[] pixels = disks(13, 110);
		NucleiSegmenter defaults = NucleiSegmenter.builder(perPixelModel()).build();
		NucleiSegmenter strict = NucleiSegmenter.builder(perPixelModel()).minSeedArea(40).minArea(150).views(8).build();
		LabelImage wholeDefaults = defaults.segment(pixels, W, H, Progress.NONE).labels(), wholeStrict = strict.segment(pixels, W, H, Progress.NONE).labels();
		assertTrue(wholeStrict.count() < wholeDefaults.count(), "the settings change the result: " + wholeStrict.count() + " vs " + wholeDefaults.count());
		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(W, H);
		blockwise(strict, 128, 64).segment(ArrayImgs.floats(pixels, W, H), labels, Progress.NONE);
		assertNull(LabelChecks.samePartition(wholeStrict, LabelChecks.toLabelImage(labels)));
	}

	@Test
	void anImageSmallerThanOneTileAndOneBlock() {
		int w = 61, h = 45;
		float[] pixels = disks(w, h, 5, 6);
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		LabelImage whole = s.segment(pixels, w, h, Progress.NONE).labels();
		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(w, h);
		LargeImageSegmenter.Summary sum = blockwise(s, 2048, 128).segment(ArrayImgs.floats(pixels, w, h), labels, Progress.NONE);
		assertEquals(1, sum.blocks());
		assertTrue(whole.count() > 0, "objects in the small image");
		assertNull(LabelChecks.samePartition(whole, LabelChecks.toLabelImage(labels)));
	}

	@Test
	void aMarginTooSmallCutsObjectsAndSaysSo() {
		float[] pixels = disks(7, 110);
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(W, H);
		LargeImageSegmenter.Summary sum = blockwise(s, 128, 4).segment(ArrayImgs.floats(pixels, W, H), labels, Progress.NONE);
		assertTrue(sum.objectsAtMargin() > 0, "objects reaching a 4-pixel margin are reported: " + sum);
		LabelImage blocks = LabelChecks.toLabelImage(labels);
		assertEquals(sum.objects(), LabelChecks.distinctIds(blocks).size(), "still one id per written object");
		LabelImage whole = s.segment(pixels, W, H, Progress.NONE).labels();
		assertNotNull(LabelChecks.samePartition(whole, blocks), "a 4-pixel margin is too small to match the whole-image result");
	}

	@Test
	void anImageAwayFromTheOriginGivesTheSameLabels() {
		float[] pixels = disks(11, 80);
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		ArrayImg<IntType, IntArray> atOrigin = ArrayImgs.ints(W, H), moved = ArrayImgs.ints(W, H);
		ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(pixels, W, H);
		blockwise(s, 100, 48).segment(img, atOrigin, Progress.NONE);
		blockwise(s, 100, 48).segment(Views.translate(img, 70_000, -300), Views.translate(moved, 70_000, -300), Progress.NONE);
		assertArrayEquals(atOrigin.update(null).getCurrentStorageArray(), moved.update(null).getCurrentStorageArray());
	}

	@Test
	void labelsAreClearedBeforeWriting() {
		float[] pixels = disks(3, 60);
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		ArrayImg<IntType, IntArray> clean = ArrayImgs.ints(W, H), dirty = ArrayImgs.ints(W, H);
		java.util.Arrays.fill(dirty.update(null).getCurrentStorageArray(), 12345);
		blockwise(s, 128, 64).segment(ArrayImgs.floats(pixels, W, H), clean, Progress.NONE);
		blockwise(s, 128, 64).segment(ArrayImgs.floats(pixels, W, H), dirty, Progress.NONE);
		assertArrayEquals(clean.update(null).getCurrentStorageArray(), dirty.update(null).getCurrentStorageArray());
	}

	@Test
	void cancellingStopsBetweenTiles() {
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		int[] updates = { 0 };
		Progress cancelAfterFirst = new Progress() {
			@Override public void update(int done, int total) { updates[0]++; }
			@Override public boolean cancelled() { return updates[0] > 0; }
		};
		assertThrows(CancelledException.class,
				() -> blockwise(s, 128, 64).segment(ArrayImgs.floats(disks(1, 20), W, H), ArrayImgs.ints(W, H), cancelAfterFirst));
		assertTrue(updates[0] >= 1 && updates[0] < 20, "stopped early after " + updates[0] + " updates");
	}

	@Test
	void badInputNamesTheShapes() {
		NucleiSegmenter s = NucleiSegmenter.builder(perPixelModel()).build();
		LargeImageSegmenter seg = blockwise(s, 128, 64);
		IllegalArgumentException threeD = assertThrows(IllegalArgumentException.class,
				() -> seg.segment(ArrayImgs.floats(40, 30, 3), ArrayImgs.ints(40, 30), Progress.NONE));
		assertTrue(threeD.getMessage().contains("[40, 30, 3]"), threeD.getMessage());
		IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
				() -> seg.segment(ArrayImgs.floats(40, 30), ArrayImgs.ints(40, 31), Progress.NONE));
		assertTrue(size.getMessage().contains("[40, 31]") && size.getMessage().contains("[40, 30]"), size.getMessage());
		IllegalArgumentException margin = assertThrows(IllegalArgumentException.class, () -> LargeImageSegmenter.builder(s).margin(-1).build());
		assertTrue(margin.getMessage().contains("-1"), margin.getMessage());
	}

	/** Objects whose pixels lie in more than one block core. */
	static int seamCrossing(LabelImage l, int block) {
		int max = l.count();
		int[] firstCore = new int[max + 1];
		boolean[] crosses = new boolean[max + 1];
		java.util.Arrays.fill(firstCore, -1);
		for (int i = 0; i < l.labels().length; i++) {
			int v = l.labels()[i];
			if (v == 0) continue;
			int core = (i / l.width() / block) * 100_000 + (i % l.width()) / block;
			if (firstCore[v] == -1) firstCore[v] = core;
			else if (firstCore[v] != core) crosses[v] = true;
		}
		int n = 0;
		for (boolean c : crosses) if (c) n++;
		return n;
	}
}
