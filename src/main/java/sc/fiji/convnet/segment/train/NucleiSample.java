package sc.fiji.convnet.segment.train;

import java.util.Arrays;

import sc.fiji.convnet.segment.LabelImage;

/** One training image: grey values (not yet normalised) and its instance labels. */
public record NucleiSample(String id, int width, int height, float[] pixels, LabelImage labels) {

	/** Median equivalent diameter 2·√(area/π) of this image's nuclei in pixels; 0 without nuclei. */
	public double medianDiameter() {
		int[] areas = labels.areas();
		double[] d = Arrays.stream(areas, 1, areas.length).filter(a -> a > 0).mapToDouble(a -> 2 * Math.sqrt(a / Math.PI)).sorted().toArray();
		return d.length == 0 ? 0 : d[d.length / 2];
	}
}
