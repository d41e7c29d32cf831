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
		float[] classes = ThreeClassTarget.classes(labels, w, h, 1); // interior: all 8 neighbours share the label
		boolean[] inside = new boolean[n];
		for (int i = 0; i < n; i++) inside[i] = classes[i] == 1;
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
}
