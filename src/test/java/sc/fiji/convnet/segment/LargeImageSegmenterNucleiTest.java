package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import sc.fiji.convnet.predict.Progress;

/**
 * The shipped nuclei U-Net (ONNX) on a real fluorescence image (the 512×512 sample mirrored out to 700×900):
 * block-wise segmentation with 256-pixel blocks against {@link NucleiSegmenter} on the whole image, and against
 * the same pipeline run as one block (same tiles, so the same probabilities: the blocks must not change a thing).
 */
class LargeImageSegmenterNucleiTest {

	private static final Path MODEL = Path.of("models/nuclei/model.onnx");
	private static final String SAMPLE = "samples/nuclei_fluo_32bit.tif";
	private static final int W = 700, H = 900, BLOCK = 256;

	private static SegmentationModel model;
	private static float[] pixels;
	private static LabelImage whole, oneBlock, blocks;
	private static LargeImageSegmenter.Summary summary;

	@BeforeAll
	static void segmentThreeWays() throws Exception {
		Assumptions.assumeTrue(Files.isRegularFile(MODEL), "skipped: the shipped model " + MODEL + " is absent");
		model = SegmentationModels.load("models/nuclei");
		pixels = mirrored(IJ.openImage(SAMPLE));
		// at the model's own scale: block-wise segmentation does not rescale (its refusal is tested apart)
		NucleiSegmenter s = NucleiSegmenter.builder(model).diameter(model.trainedDiameter()).build();
		whole = s.segment(pixels, W, H, Progress.NONE).labels();
		oneBlock = run(LargeImageSegmenter.builder(s).blockSize(1024).margin(0).build(), null);
		LargeImageSegmenter.Summary[] out = new LargeImageSegmenter.Summary[1];
		blocks = run(LargeImageSegmenter.builder(s).blockSize(BLOCK).margin(64).build(), out);
		summary = out[0];
	}

	@org.junit.jupiter.api.Test
	void automaticDiameterMeasuresOnceAndRefusesToSegmentAtTheWrongScale() {
		// the sample's nuclei are about twice the trained size: block-wise segmentation says so instead of over-splitting them
		LargeImageSegmenter seg = LargeImageSegmenter.builder(NucleiSegmenter.builder(model).build()).blockSize(BLOCK).margin(64).build();
		IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
				() -> seg.segment(ArrayImgs.floats(pixels.clone(), W, H), ArrayImgs.ints(W, H), Progress.NONE));
		org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("px across were found") && e.getMessage().contains("resample"), e.getMessage());
	}

	private static LabelImage run(LargeImageSegmenter seg, LargeImageSegmenter.Summary[] summaryOut) {
		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(W, H);
		LargeImageSegmenter.Summary sum = seg.segment(ArrayImgs.floats(pixels.clone(), W, H), labels, Progress.NONE);
		if (summaryOut != null) summaryOut[0] = sum;
		return LabelChecks.toLabelImage(labels);
	}

	/** The sample reflected at its right and bottom edges (edge pixel not repeated) out to W×H. */
	private static float[] mirrored(ImagePlus imp) {
		assertNotNull(imp, SAMPLE);
		float[] src = (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
		int w = imp.getWidth(), h = imp.getHeight();
		float[] out = new float[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				int sx = x < w ? x : 2 * w - 2 - x, sy = y < h ? y : 2 * h - 2 - y;
				out[y * W + x] = src[sy * w + sx];
			}
		return out;
	}

	@Test
	void blocksReproduceTheOneBlockRunExactly() {
		assertTrue(whole.count() > 50, "the image has many nuclei: " + whole.count());
		assertNull(LabelChecks.samePartition(oneBlock, blocks), "256-pixel blocks vs one block");
		assertEquals(0, summary.conflictPixels());
		assertEquals(0, summary.objectsAtMargin());
		assertEquals(12, summary.blocks(), "3 × 4 blocks");
	}

	@Test
	void matchesTheWholeImageSegmenter() {
		SegmentationMetrics m = new SegmentationMetrics(0.5).add(whole, blocks);
		System.out.printf(java.util.Locale.ROOT, "block-wise vs NucleiSegmenter: AP@0.5 %.4f (TP %d, FP %d, FN %d), whole %d objects; %s; seam-crossing %d%n",
				m.averagePrecision(0), m.truePositives(0), m.falsePositives(0), m.falseNegatives(0), whole.count(), summary,
				LargeImageSegmenterTest.seamCrossing(blocks, BLOCK));
		assertTrue(m.averagePrecision(0) >= 0.95, "AP@0.5 vs NucleiSegmenter " + m.averagePrecision(0) + " (TP " + m.truePositives(0) + ", FP "
				+ m.falsePositives(0) + ", FN " + m.falseNegatives(0) + ")");
	}

	@Test
	void idsAreUniqueAndCounted() {
		assertEquals(summary.objects(), LabelChecks.distinctIds(blocks).size(), "object count = distinct ids");
		assertEquals(summary.objects(), blocks.count(), "ids are 1…count");
		assertTrue(LabelChecks.splitLabels(blocks).isEmpty(), "ids in two places: " + LabelChecks.splitLabels(blocks));
	}

	@Test
	void seamCrossingNucleiAreWhole() {
		int crossing = LargeImageSegmenterTest.seamCrossing(oneBlock, BLOCK);
		assertTrue(crossing >= 5, "nuclei across block seams: " + crossing);
		assertEquals(crossing, LargeImageSegmenterTest.seamCrossing(blocks, BLOCK), "each is one object spanning its seam");
	}
}
