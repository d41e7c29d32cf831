package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.ChannelSoftmax;
import sc.fiji.convnet.segment.InstanceDecoder;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.tensor.Tensor;

/** Probability maps open on the nuclei, named by class; an RGB image is segmented with a one-line warning saying what was done. */
class ProbabilityMapsAndWarningsTest {

	private static NucleiSegmenter segmenter() {
		Predictor bright = new Predictor() {
			@Override public Tensor predict(Tensor in) {
				int plane = in.h() * in.w();
				float[] out = new float[3 * plane];
				for (int i = 0; i < plane; i++) { float v = in.data()[i]; out[i] = 0.5f - v; out[plane + i] = v - 0.5f; out[2 * plane + i] = -2; }
				return new Tensor(out, 1, 3, in.h(), in.w());
			}
			@Override public String describe() { return "bright"; }
		};
		SegmentationModel m = new SegmentationModel("bright", bright, InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY, t -> t, ChannelSoftmax::apply, 0);
		return NucleiSegmenter.builder(m).views(1).build();
	}

	private static float[] spots(int w, int h) {
		float[] p = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p[y * w + x] = Math.hypot(x % 32 - 16, y % 32 - 16) < 8 ? 1 : 0;
		return p;
	}

	@Test
	void probabilityMapsCarryClassNamesAndShowTheNuclei() {
		ImagePlus imp = new ImagePlus("cells", new FloatProcessor(64, 64, spots(64, 64)));
		SegmentationOutput out = ImageSegmentation.segment(imp, segmenter(), 1, true, Progress.NONE);
		ImagePlus maps = out.probabilities();
		assertEquals(3, maps.getNChannels());
		assertEquals("background", maps.getStack().getSliceLabel(1));
		assertEquals("interior", maps.getStack().getSliceLabel(2));
		assertEquals("boundary", maps.getStack().getSliceLabel(3));
		CompositeImage c = (CompositeImage) maps;
		assertEquals(CompositeImage.COMPOSITE, c.getMode());
		boolean[] active = c.getActiveChannels();
		assertEquals(java.util.List.of(false, true, true), java.util.List.of(active[0], active[1], active[2]), "background hidden, nuclei shown");
		assertEquals(1.0, c.getChannelLut(2).max, 1e-9);
		assertTrue(out.warnings().isEmpty(), "a grey image needs no warning: " + out.warnings());
	}

	@Test
	void anRgbImageIsAveragedWithAWarning() {
		ColorProcessor rgb = new ColorProcessor(64, 64);
		float[] s = spots(64, 64);
		for (int i = 0; i < s.length; i++) rgb.set(i, s[i] > 0 ? 0xC04060 : 0x202020);
		SegmentationOutput out = ImageSegmentation.segment(new ImagePlus("smear.jpg", rgb), segmenter(), 1, false, Progress.NONE);
		assertEquals(1, out.warnings().size());
		assertTrue(out.warnings().get(0).startsWith("smear.jpg is an RGB image") && out.warnings().get(0).contains("averaged"), out.warnings().get(0));
	}

	@Test
	void aGreyImageSavedAsRgbNeedsNoWarning() {
		// many fluorescence PNGs (the DSB images among them) are grey pictures stored as RGB: red = green = blue
		ColorProcessor rgb = new ColorProcessor(64, 64);
		float[] s = spots(64, 64);
		for (int i = 0; i < s.length; i++) rgb.set(i, s[i] > 0 ? 0xC0C0C0 : 0x202020);
		SegmentationOutput out = ImageSegmentation.segment(new ImagePlus("dsb.png", rgb), segmenter(), 1, false, Progress.NONE);
		assertTrue(out.warnings().isEmpty(), "no warning for a grey picture: " + out.warnings());
		assertTrue(out.labels().getStatistics().max > 0, "the nuclei are found");
	}
}
