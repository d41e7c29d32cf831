package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.SegmentationOutput;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * Users' images come from other microscopes: other bit depths and offsets, other pixel sizes. The
 * shipped model, through the whole pipeline, must score about as well against the ground truth on
 * such versions of a validation image as on the original.
 */
class OtherMicroscopesTest {

	private static final Path DATA = Path.of("..", "shared", "data", "nuclei-dsb2018");
	private static NucleiSample sample;
	private static SegmentationModel model;

	@BeforeAll
	static void load() throws Exception {
		assumeTrue(Files.isDirectory(DATA), "../shared/data/nuclei-dsb2018 is absent: skipped");
		List<NucleiSample> val = NucleiDataset.load(DATA, "val");
		sample = val.stream().filter(s -> s.id().startsWith("912a679e")).findFirst().orElseThrow();
		model = ConvNet.segmentationModel("nuclei");
	}

	private static double ap(LabelImage truth, LabelImage predicted) {
		return new SegmentationMetrics(0.5).add(truth, predicted).averagePrecision(0);
	}

	private static LabelImage segment(ImageProcessor ip, double diameter) {
		ImageProcessor labels = ConvNet.segment(new ImagePlus("test", ip), NucleiSegmenter.builder(model).diameter(diameter).build(), 1, Progress.NONE)
				.labels().getProcessor();
		int[] l = new int[labels.getPixelCount()];
		int max = 0;
		for (int i = 0; i < l.length; i++) max = Math.max(max, l[i] = (int) labels.getf(i));
		return new LabelImage(labels.getWidth(), labels.getHeight(), l, max);
	}

	@Test
	void sixteenBitWithLargeOffsetAndGainScoresAsTheOriginal() {
		FloatProcessor original = new FloatProcessor(sample.width(), sample.height(), sample.pixels().clone());
		double reference = ap(sample.labels(), segment(original, 0));
		ShortProcessor sixteen = new ShortProcessor(sample.width(), sample.height());
		for (int i = 0; i < sample.pixels().length; i++) sixteen.set(i, (int) Math.round(12000 + 37 * sample.pixels()[i]));
		double shifted = ap(sample.labels(), segment(sixteen, 0));
		assertTrue(reference > 0.7, "the original scores " + reference);
		assertEquals(reference, shifted, 0.02, "16-bit with offset 12000 and gain 37 vs the original");
	}

	@Test
	void twiceTheNucleusSizeWithTheDiameterOptionScoresAsTheOriginal() {
		FloatProcessor original = new FloatProcessor(sample.width(), sample.height(), sample.pixels().clone());
		double reference = ap(sample.labels(), segment(original, 0));
		// the same field at half the pixel size: every nucleus twice as wide
		original.setInterpolationMethod(ImageProcessor.BILINEAR);
		ImageProcessor twice = original.resize(2 * sample.width(), 2 * sample.height(), true);
		LabelImage truth = upscaleLabels(sample.labels(), 2);
		double asTrained = ap(truth, segment(twice, 2 * model.trainedDiameter()));
		assertTrue(asTrained >= reference - 0.03, "with the diameter option " + asTrained + " vs the original's " + reference);
	}

	@Test
	void twiceTheNucleusSizeIsFoundWithoutTheDiameterOption() {
		FloatProcessor original = new FloatProcessor(sample.width(), sample.height(), sample.pixels().clone());
		double reference = ap(sample.labels(), segment(original, 0));
		original.setInterpolationMethod(ImageProcessor.BILINEAR);
		ImageProcessor twice = original.resize(2 * sample.width(), 2 * sample.height(), true);
		LabelImage truth = upscaleLabels(sample.labels(), 2);
		SegmentationOutput out = ConvNet.segment(new ImagePlus("twice", twice), NucleiSegmenter.builder(model).build(), 1, Progress.NONE);
		double found = out.diameters()[0], trueDiameter = 2 * sample.medianDiameter();
		assertEquals(trueDiameter, found, 0.25 * trueDiameter, "found diameter vs the labels' median");
		assertEquals(found, out.table().getValue(sc.fiji.convnet.ij.ImageSegmentation.DIAMETER_COLUMN, 0), 0.05);
		double automatic = ap(truth, segment(twice, 0));
		assertTrue(automatic >= 0.9 * reference, "automatic size " + automatic + " vs the original's " + reference + " (the target: 0.9×)");
	}

	private static LabelImage upscaleLabels(LabelImage labels, int factor) {
		int w = labels.width() * factor, h = labels.height() * factor;
		int[] out = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) out[y * w + x] = labels.labels()[(y / factor) * labels.width() + x / factor];
		return new LabelImage(w, h, out, labels.count());
	}
}
