package sc.fiji.convnet.segment.train;

import java.util.Arrays;

import sc.fiji.convnet.segment.DistanceMap;

/**
 * A per-pixel loss weight that stresses where nuclei touch: the weight map of the U-Net paper (Ronneberger et al. 2015,
 * eq. 2) without its class-balancing term, 1 + w₀·exp(−(d₁ + d₂)² / 2σ²), where d₁ and d₂ are a pixel's distances to
 * the nearest and the second-nearest nucleus (0 to its own). The line where two nuclei meet weighs about 1 + w₀; a lone
 * nucleus and open background weigh 1. A distance beyond 3σ counts as none (its term is under 1.2 % of w₀), so each
 * nucleus is measured only in its bounding box grown by 3σ.
 */
public final class ContactWeight {

	/** σ in pixels of the crop, the paper's value for cells of about this size. */
	public static final double SIGMA = 5;

	private ContactWeight() {}

	/** The weights of a width×height label image (0 = background) for a contact weight w₀ ≥ 0 and a spread σ > 0. */
	public static float[] of(int[] labels, int w, int h, double w0, double sigma) {
		if (labels.length != w * h) throw new IllegalArgumentException("ContactWeight: " + labels.length + " labels for " + w + "×" + h);
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		int[] x0 = new int[max + 1], y0 = new int[max + 1], x1 = new int[max + 1], y1 = new int[max + 1];
		Arrays.fill(x0, Integer.MAX_VALUE);
		Arrays.fill(y0, Integer.MAX_VALUE);
		Arrays.fill(x1, -1);
		Arrays.fill(y1, -1);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int l = labels[y * w + x];
				if (l == 0) continue;
				x0[l] = Math.min(x0[l], x);
				x1[l] = Math.max(x1[l], x);
				y0[l] = Math.min(y0[l], y);
				y1[l] = Math.max(y1[l], y);
			}
		float reach = (float) (3 * sigma);
		int grow = (int) Math.ceil(reach);
		float[] nearest = new float[w * h], second = new float[w * h];
		Arrays.fill(nearest, Float.POSITIVE_INFINITY);
		Arrays.fill(second, Float.POSITIVE_INFINITY);
		for (int l = 1; l <= max; l++) {
			if (x1[l] < 0) continue;
			int ax = Math.max(0, x0[l] - grow), ay = Math.max(0, y0[l] - grow), bx = Math.min(w - 1, x1[l] + grow), by = Math.min(h - 1, y1[l] + grow);
			int ww = bx - ax + 1, wh = by - ay + 1;
			boolean[] outside = new boolean[ww * wh];
			for (int y = 0; y < wh; y++)
				for (int x = 0; x < ww; x++) outside[y * ww + x] = labels[(y + ay) * w + x + ax] != l;
			float[] d = DistanceMap.of(outside, ww, wh); // distance to the nearest pixel of nucleus l
			for (int y = 0; y < wh; y++)
				for (int x = 0; x < ww; x++) {
					float v = d[y * ww + x];
					if (v > reach) continue;
					int i = (y + ay) * w + x + ax;
					if (v < nearest[i]) { second[i] = nearest[i]; nearest[i] = v; }
					else if (v < second[i]) second[i] = v;
				}
		}
		float[] weight = new float[w * h];
		double twoSigma2 = 2 * sigma * sigma;
		for (int i = 0; i < weight.length; i++) {
			double sum = nearest[i] + second[i];
			weight[i] = (float) (1 + (Double.isInfinite(sum) ? 0 : w0 * Math.exp(-sum * sum / twoSigma2)));
		}
		return weight;
	}
}
