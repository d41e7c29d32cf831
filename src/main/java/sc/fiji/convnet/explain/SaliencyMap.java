package sc.fiji.convnet.explain;

/**
 * A map of how much each pixel matters for one class, at the input's size (row-major, width × height).
 *
 * @param values     width·height values, row by row
 * @param classIndex the class explained
 * @param score      the class score of the unchanged image
 * @param method     how the map was made ("Grad-CAM layer4", "occlusion 8×8/4")
 */
public record SaliencyMap(float[] values, int width, int height, int classIndex, double score, String method) {

	public SaliencyMap {
		if (values.length != width * height) throw new IllegalArgumentException("SaliencyMap: " + values.length + " values for " + width + "×" + height);
	}

	public float get(int x, int y) { return values[y * width + x]; }

	/** The position {x, y} of the largest value (the first one in row order on ties). */
	public int[] argmax() {
		int best = 0;
		for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
		return new int[] { best % width, best / width };
	}

	public float max() {
		int[] p = argmax();
		return values[p[1] * width + p[0]];
	}
}
