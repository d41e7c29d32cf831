package sc.fiji.convnet.ij;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.detect.RgbImage;

/**
 * The current plane of an image as the detector's RGB input, from the pixel values alone (never the display range,
 * so Brightness &amp; Contrast does not change what is detected, and the image's display is left as it is): RGB images
 * as they are; a composite or multi-channel image from its first three channels, a grey image in all three; 8-bit
 * channels divided by 255 (as RGB is), 16- and 32-bit ones scaled by their plane's minimum and maximum.
 */
public final class DetectionImages {

	private DetectionImages() {}

	public static RgbImage toRgb(ImagePlus imp) {
		int w = imp.getWidth(), h = imp.getHeight();
		if (imp.getType() == ImagePlus.COLOR_RGB) return RgbImage.fromArgb((int[]) imp.getProcessor().getPixels(), w, h);
		if (imp.getNChannels() >= 3) {
			float[] p = new float[3 * w * h];
			for (int c = 0; c < 3; c++)
				scaled(imp.getStack().getProcessor(imp.getStackIndex(c + 1, imp.getSlice(), imp.getFrame())), p, c * w * h);
			return new RgbImage(w, h, p);
		}
		float[] grey = new float[w * h];
		scaled(imp.getProcessor(), grey, 0);
		return RgbImage.fromGrey(grey, w, h, 1);
	}

	/** One plane into {@code out} from {@code offset}, in [0, 1]. */
	private static void scaled(ImageProcessor ip, float[] out, int offset) {
		int n = ip.getPixelCount();
		double min = 0, max = 255;
		if (!(ip instanceof ByteProcessor)) {
			min = Double.POSITIVE_INFINITY;
			max = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				float v = ip.getf(i);
				if (v < min) min = v;
				if (v > max) max = v;
			}
		}
		double span = max - min;
		for (int i = 0; i < n; i++) out[offset + i] = span > 0 ? (float) Math.max(0, Math.min(1, (ip.getf(i) - min) / span)) : 0;
	}
}
