package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import sc.fiji.convnet.TestData;
import sc.fiji.convnet.model.transform.ScaleRange;
import sc.fiji.convnet.model.transform.ZeroMeanUnitVariance;
import sc.fiji.convnet.predict.Progress;

/**
 * Block-wise segmentation uses the model's own pre-processing, not the shipped model's: the published bioimage.io
 * U-Net normalises to zero mean and unit variance, and {@code segmentLarge} must give the labels
 * {@code segment} gives (before, it scaled every model by the 1–99.8 % range and found 71 nuclei where
 * {@code segment} found 75).
 */
class LargeImageDescribedPreprocessingTest {

	@Test
	void aZeroMeanUnitVarianceModelSegmentsTheSameBlockWiseAsWhole() throws Exception {
		SegmentationModel model = SegmentationModels.load(TestData.bioimageioNucleiModel().toString(), 2);
		ImagePlus imp = IJ.openImage("samples/nuclei_fluo_32bit.tif");
		assertNotNull(imp);
		int w = imp.getWidth(), h = imp.getHeight();
		float[] pixels = (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
		NucleiSegmenter segmenter = NucleiSegmenter.builder(model).views(1).build();
		LabelImage whole = segmenter.segment(pixels.clone(), w, h, Progress.NONE).labels();

		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(w, h);
		LargeImageSegmenter.builder(segmenter).blockSize(1024).margin(0).build().segment(ArrayImgs.floats(pixels.clone(), w, h), labels, Progress.NONE);
		LabelImage blockWise = LabelChecks.toLabelImage(labels);

		assertTrue(whole.count() > 30, "nuclei found: " + whole.count());
		assertEquals(whole.count(), blockWise.count(), "objects whole vs block-wise");
		SegmentationMetrics m = new SegmentationMetrics(0.5).add(whole, blockWise);
		assertEquals(1.0, m.averagePrecision(0), 1e-9, "AP@0.5 block-wise vs whole");
		model.close();
	}

	@Test
	void fittedStepsEqualTheDescribedStepsOnAWholeImage() throws Exception {
		// every pixel is in the sample of a small image, so the fitted functions must give the steps' own output
		float[] v = new float[64 * 48];
		java.util.SplittableRandom r = new java.util.SplittableRandom(5);
		for (int i = 0; i < v.length; i++) v[i] = (float) (100 + 400 * r.nextDouble() * r.nextDouble());
		java.util.List<String> axes = java.util.List.of("b", "c", "y", "x");
		var steps = java.util.List.<sc.fiji.convnet.model.transform.Transformation>of(new ScaleRange(java.util.List.of("y", "x"), 1, 99.8, 1e-6),
				new ZeroMeanUnitVariance(java.util.List.of("y", "x"), 1e-6));
		sc.fiji.convnet.tensor.Tensor t = new sc.fiji.convnet.tensor.Tensor(v.clone(), 1, 1, 48, 64);
		for (var s : steps) t = s.apply(t, axes);
		float[] tiles = v.clone();
		var fitted = sc.fiji.convnet.predict.FittedPreprocessing.of(steps, axes,
				sc.fiji.convnet.predict.SampledPercentiles.of(ArrayImgs.floats(v.clone(), 64, 48)));
		// the Spark block job sends it to its executors: it must survive serialisation
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
			out.writeObject(fitted);
		}
		try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
			fitted = (sc.fiji.convnet.predict.FittedPreprocessing) in.readObject();
		}
		fitted.normalize(tiles, 0, 1000, 0);
		fitted.normalize(tiles, 1000, tiles.length - 1000, 0);
		for (int i = 0; i < v.length; i++) assertEquals(t.data()[i], tiles[i], 1e-5, "pixel " + i);
	}
}
