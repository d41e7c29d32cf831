package sc.fiji.convnet.ij;

import java.awt.image.IndexColorModel;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import sc.fiji.convnet.segment.LabelImage;

/** Label images as ImageJ images: 16-bit (32-bit past 65,535 objects) with a distinct-colour LUT. */
public final class LabelImages {

	private LabelImages() {}

	public static ImageProcessor toProcessor(LabelImage labels, boolean needs32Bit) {
		int w = labels.width(), h = labels.height();
		int[] l = labels.labels();
		if (needs32Bit) {
			float[] f = new float[l.length];
			for (int i = 0; i < l.length; i++) f[i] = l[i];
			return new FloatProcessor(w, h, f);
		}
		short[] s = new short[l.length];
		for (int i = 0; i < l.length; i++) s[i] = (short) l[i];
		return new ShortProcessor(w, h, s, null);
	}

	/** One label image per plane, in the hyperstack layout (1 channel, nSlices, nFrames). */
	public static ImagePlus toImagePlus(String title, LabelImage[] planes, int slices, int frames, Calibration cal) {
		int max = 0;
		for (LabelImage p : planes) max = Math.max(max, p.count());
		boolean needs32Bit = max > 65535;
		ImageStack stack = new ImageStack(planes[0].width(), planes[0].height());
		for (LabelImage p : planes) stack.addSlice(toProcessor(p, needs32Bit));
		ImagePlus imp = new ImagePlus(title, stack);
		if (planes.length > 1) imp.setDimensions(1, slices, frames);
		if (cal != null) imp.setCalibration(cal.copy());
		LUT lut = distinctLut();
		imp.getProcessor().setLut(lut);
		imp.getProcessor().setMinAndMax(0, 255);
		if (needs32Bit) imp.getProcessor().setMinAndMax(0, max);
		imp.setProperty("Info", "ConvNet label image: 0 = background, 1…" + max + " = objects");
		return imp;
	}

	/**
	 * Background black, then 255 colours whose hues advance by the golden angle so that
	 * neighbouring labels look different; the LUT wraps every 255 labels.
	 */
	public static LUT distinctLut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		double golden = 0.618033988749895;
		double hue = 0.1;
		for (int i = 1; i < 256; i++) {
			hue = (hue + golden) % 1.0;
			float sat = i % 2 == 0 ? 0.65f : 0.9f;
			float val = i % 3 == 0 ? 0.8f : 1.0f;
			int rgb = java.awt.Color.HSBtoRGB((float) hue, sat, val);
			r[i] = (byte) (rgb >> 16);
			g[i] = (byte) (rgb >> 8);
			b[i] = (byte) rgb;
		}
		return new LUT(new IndexColorModel(8, 256, r, g, b), 0, 255);
	}
}
