package sc.fiji.convnet.segment.train;

import sc.fiji.convnet.segment.DistanceMap;

/**
 * The distance output a nuclei network learns besides its three classes: for each nucleus pixel, its Euclidean distance
 * to the nearest pixel outside its nucleus (background or another nucleus), divided by the largest such distance in the
 * nucleus, so every nucleus peaks at 1 in its centre whatever its size; 0 on background. Touching nuclei meet at a low
 * ridge, which is what lets their centres seed them apart.
 */
public final class DistanceTarget {

	private DistanceTarget() {}

	public static float[] of(int[] labels, int w, int h) {
		int n = labels.length;
		boolean[] inside = new boolean[n];
		for (int i = 0; i < n; i++) inside[i] = labels[i] != 0 && sameLabelAround(labels, w, h, i);
		float[] d = DistanceMap.of(inside, w, h);
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		float[] peak = new float[max + 1];
		for (int i = 0; i < n; i++)
			if (labels[i] != 0) {
				d[i] = inside[i] ? d[i] + 0.5f : 0.5f; // an edge pixel lies half a pixel from the outside
				peak[labels[i]] = Math.max(peak[labels[i]], d[i]);
			}
		for (int i = 0; i < n; i++) d[i] = labels[i] == 0 ? 0 : d[i] / peak[labels[i]];
		return d;
	}

	/** Whether the 8 neighbours of pixel i that lie in the image carry its label. */
	private static boolean sameLabelAround(int[] labels, int w, int h, int i) {
		int x = i % w, y = i / w, l = labels[i];
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int nx = x + dx, ny = y + dy;
				if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[ny * w + nx] != l) return false;
			}
		return true;
	}
}
