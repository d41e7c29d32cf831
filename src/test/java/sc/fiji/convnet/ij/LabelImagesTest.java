package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.measure.Calibration;
import sc.fiji.convnet.segment.LabelImage;

class LabelImagesTest {

	@Test
	void sixteenBitWithCalibrationAndBlackBackground() {
		Calibration cal = new Calibration();
		cal.pixelWidth = 0.3;
		ImagePlus imp = LabelImages.toImagePlus("l", new LabelImage[] { new LabelImage(2, 1, new int[] { 0, 5 }, 5) }, 1, 1, cal);
		assertEquals(ImagePlus.GRAY16, imp.getType());
		assertEquals(5, imp.getProcessor().get(1));
		assertEquals(0.3, imp.getCalibration().pixelWidth);
		assertEquals(0, imp.getProcessor().getLut().getRGB(0) & 0xffffff, "label 0 is black");
	}

	@Test
	void thirtyTwoBitPast65535Objects() {
		ImagePlus imp = LabelImages.toImagePlus("l", new LabelImage[] { new LabelImage(2, 1, new int[] { 70000, 1 }, 70000) }, 1, 1, null);
		assertEquals(ImagePlus.GRAY32, imp.getType());
		assertEquals(70000f, imp.getProcessor().getf(0));
	}

	@Test
	void hyperstackLayoutIsKept() {
		LabelImage[] planes = new LabelImage[6];
		for (int i = 0; i < 6; i++) planes[i] = new LabelImage(3, 3, new int[9], 0);
		ImagePlus imp = LabelImages.toImagePlus("l", planes, 3, 2, null);
		assertEquals(1, imp.getNChannels());
		assertEquals(3, imp.getNSlices());
		assertEquals(2, imp.getNFrames());
	}
}
