package sc.fiji.convnet.ij;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.detect.RgbImage;

/**
 * A plane of an image (the one on show, or any slice and frame) as the detector's RGB input, from the pixel values alone (never the display range,
 * so Brightness &amp; Contrast does not change what is detected, and the image's display is left as it is): RGB images
 * as they are; a composite or multi-channel image from its first three channels, a grey image in all three; 8-bit
 * channels divided by 255 (as RGB is), 16- and 32-bit ones scaled by their plane's minimum and maximum.
 */
public final class DetectionImages {

	private DetectionImages() {}

	/** The plane on show. */
	public static RgbImage toRgb(ImagePlus imp) { return toRgb(imp, imp.getSlice(), imp.getFrame()); }

	/** The plane at {@code slice} and {@code frame} (1-based); a grey image's channel is the one on show. */
	public static RgbImage toRgb(ImagePlus imp, int slice, int frame) {
		int w = imp.getWidth(), h = imp.getHeight();
		if (imp.getType() == ImagePlus.COLOR_RGB) return RgbImage.fromArgb((int[]) plane(imp, imp.getChannel(), slice, frame).getPixels(), w, h);
		if (imp.getNChannels() >= 3) {
			float[] p = new float[3 * w * h];
			for (int c = 0; c < 3; c++) scaled(plane(imp, c + 1, slice, frame), p, c * w * h);
			return new RgbImage(w, h, p);
		}
		float[] grey = new float[w * h];
		scaled(plane(imp, imp.getChannel(), slice, frame), grey, 0);
		return RgbImage.fromGrey(grey, w, h, 1);
	}

	private static ImageProcessor plane(ImagePlus imp, int channel, int slice, int frame) {
		return imp.getStackSize() == 1 ? imp.getProcessor() : imp.getStack().getProcessor(imp.getStackIndex(channel, slice, frame));
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
