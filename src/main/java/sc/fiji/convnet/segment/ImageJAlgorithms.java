package sc.fiji.convnet.segment;

import ij.plugin.filter.EDM;
import ij.plugin.filter.MaximumFinder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * The ImageJ algorithms segmentation uses as a numerical library, on plain arrays: the Euclidean distance map
 * with its maxima, and the averaging resize. Kept in this one class so that nothing else in {@code segment}
 * touches ImageJ; a pure-Java copy must give the same labels before it can replace them.
 */
final class ImageJAlgorithms {

	private ImageJAlgorithms() {}

	/** The distance of each mask pixel to the background, and one seed pixel per distance maximum. */
	record DistanceSeeds(float[] distance, boolean[] maxima) {}

	/** ImageJ's EDM of {@code mask} and MaximumFinder's single points of it above 0.5 that stand out by {@code prominence}. */
	static DistanceSeeds distanceSeeds(boolean[] mask, int width, int height, double prominence) {
		int n = width * height;
		ByteProcessor binary = new ByteProcessor(width, height);
		byte[] bin = (byte[]) binary.getPixels();
		for (int i = 0; i < n; i++) bin[i] = (byte) (mask[i] ? 255 : 0);
		FloatProcessor edm = new EDM().makeFloatEDM(binary, 0, false);
		ByteProcessor points = new MaximumFinder().findMaxima(edm, prominence, 0.5, MaximumFinder.SINGLE_POINTS, false, true);
		byte[] max = (byte[]) points.getPixels();
		boolean[] maxima = new boolean[n];
		for (int i = 0; i < n; i++) maxima[i] = max[i] != 0;
		return new DistanceSeeds((float[]) edm.getPixels(), maxima);
	}

	/** A plane resized bilinearly by ImageJ, averaging when it shrinks. */
	static float[] resize(float[] pixels, int width, int height, int newWidth, int newHeight) {
		FloatProcessor fp = new FloatProcessor(width, height, pixels);
		fp.setInterpolationMethod(FloatProcessor.BILINEAR);
		return (float[]) fp.resize(newWidth, newHeight, true).getPixels();
	}
}
