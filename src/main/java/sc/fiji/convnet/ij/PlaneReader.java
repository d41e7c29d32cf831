package sc.fiji.convnet.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Reads one plane of an image as floats, whatever its type (8/16/32-bit or RGB, which is averaged). */
public final class PlaneReader {

	private PlaneReader() {}

	/** @param stackIndex 1-based index into the image's stack */
	public static float[] floats(ImagePlus imp, int stackIndex) {
		ImageProcessor ip = imp.getStack().getProcessor(stackIndex);
		int n = ip.getWidth() * ip.getHeight();
		float[] out = new float[n];
		if (ip instanceof ColorProcessor) {
			int[] rgb = (int[]) ip.getPixels();
			for (int i = 0; i < n; i++) {
				int c = rgb[i];
				out[i] = (((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff)) / 3f;
			}
			return out;
		}
		for (int i = 0; i < n; i++) out[i] = ip.getf(i);
		return out;
	}
}
