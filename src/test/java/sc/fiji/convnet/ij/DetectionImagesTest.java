package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/** The detector's input depends on the pixels only: Brightness &amp; Contrast changes nothing, and is not changed. */
class DetectionImagesTest {

	private static ImagePlus composite16() {
		Random random = new Random(3);
		ImageStack stack = new ImageStack(40, 30);
		for (int c = 0; c < 3; c++) {
			short[] p = new short[40 * 30];
			for (int i = 0; i < p.length; i++) p[i] = (short) (100 * c + random.nextInt(4000));
			stack.addSlice("c" + c, new ShortProcessor(40, 30, p, null));
		}
		ImagePlus imp = new ImagePlus("three channels", stack);
		imp.setDimensions(3, 1, 1);
		return new CompositeImage(imp, CompositeImage.COMPOSITE);
	}

	@Test
	void displayRangeChangesNothingOnAComposite() {
		ImagePlus imp = composite16();
		float[] before = DetectionImages.toRgb(imp).planes().clone();
		for (int c = 1; c <= 3; c++) {
			imp.setC(c);
			imp.setDisplayRange(500, 900); // what Brightness & Contrast does
		}
		imp.setC(1);
		assertArrayEquals(before, DetectionImages.toRgb(imp).planes(), 0f);
		assertEquals(500, imp.getDisplayRangeMin(), 0, "the user's display is left as it is");
		assertEquals(900, imp.getDisplayRangeMax(), 0);
	}

	@Test
	void greyEightBitIsDividedBy255WhateverTheDisplay() {
		ByteProcessor ip = new ByteProcessor(4, 1, new byte[] { 0, 51, (byte) 204, (byte) 255 });
		ImagePlus imp = new ImagePlus("grey", ip);
		imp.setDisplayRange(50, 100);
		float[] p = DetectionImages.toRgb(imp).planes();
		assertArrayEquals(new float[] { 0, 0.2f, 0.8f, 1 }, java.util.Arrays.copyOfRange(p, 8, 12), 1e-6f, "the third channel repeats the grey");
		assertEquals(50, imp.getDisplayRangeMin(), 0);
	}
}
