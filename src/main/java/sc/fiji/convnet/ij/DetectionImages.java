package sc.fiji.convnet.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.detect.RgbImage;

/**
 * The current plane of an image as the detector's RGB input: RGB images as they are, a composite or
 * multi-channel image from its first three channels (each scaled by its display range), a grey image
 * (scaled by its display range) in all three channels.
 */
public final class DetectionImages {

	private DetectionImages() {}

	public static RgbImage toRgb(ImagePlus imp) {
		int w = imp.getWidth(), h = imp.getHeight();
		if (imp.getType() == ImagePlus.COLOR_RGB) return RgbImage.fromArgb((int[]) imp.getProcessor().getPixels(), w, h);
		int channels = imp.getNChannels();
		if (channels >= 3) {
			float[] p = new float[3 * w * h];
			for (int c = 0; c < 3; c++) {
				int index = imp.getStackIndex(c + 1, imp.getSlice(), imp.getFrame());
				ImageProcessor ip = imp.getStack().getProcessor(index);
				double[] range = range(imp, ip, c + 1);
				for (int i = 0; i < w * h; i++) p[c * w * h + i] = scale(ip.getf(i), range);
			}
			return new RgbImage(w, h, p);
		}
		ImageProcessor ip = imp.getProcessor();
		if (ip instanceof ColorProcessor cp) return RgbImage.fromArgb((int[]) cp.getPixels(), w, h);
		double[] range = { ip.getMin(), ip.getMax() };
		float[] grey = new float[w * h];
		for (int i = 0; i < w * h; i++) grey[i] = scale(ip.getf(i), range);
		return RgbImage.fromGrey(grey, w, h, 1);
	}

	private static double[] range(ImagePlus imp, ImageProcessor ip, int channel) {
		if (imp.isComposite()) {
			ij.process.LUT lut = ((ij.CompositeImage) imp).getChannelLut(channel);
			return new double[] { lut.min, lut.max };
		}
		ip.resetMinAndMax();
		return new double[] { ip.getMin(), ip.getMax() };
	}

	private static float scale(double v, double[] range) {
		double span = range[1] - range[0];
		if (span <= 0) return 0;
		return (float) Math.max(0, Math.min(1, (v - range[0]) / span));
	}
}
