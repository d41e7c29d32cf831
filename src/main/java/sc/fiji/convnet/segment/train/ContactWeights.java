package sc.fiji.convnet.segment.train;

/**
 * Per-pixel loss weights that stress where nuclei touch: a pixel with two different nuclei within
 * {@link #RADIUS} pixels (chessboard distance; itself included) weighs {@code 1 + extra}, every other pixel 1.
 * That covers the boundary pixels where two nuclei meet and the background in narrow gaps between them, the
 * pixels whose errors merge neighbours (the idea of the weight map in Ronneberger et al., U-Net, 2015,
 * without its distance fall-off).
 */
public final class ContactWeights {

	public static final int RADIUS = 2;

	private ContactWeights() {}

	public static float[] of(int[] labels, int w, int h, float extra) {
		if (labels.length != w * h) throw new IllegalArgumentException("ContactWeights: " + labels.length + " labels for " + w + "×" + h);
		float[] out = new float[labels.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) out[y * w + x] = nearTwoNuclei(labels, w, h, x, y) ? 1 + extra : 1;
		return out;
	}

	private static boolean nearTwoNuclei(int[] labels, int w, int h, int x, int y) {
		int first = 0;
		for (int ny = Math.max(0, y - RADIUS); ny <= Math.min(h - 1, y + RADIUS); ny++)
			for (int nx = Math.max(0, x - RADIUS); nx <= Math.min(w - 1, x + RADIUS); nx++) {
				int l = labels[ny * w + nx];
				if (l == 0 || l == first) continue;
				if (first != 0) return true;
				first = l;
			}
		return false;
	}
}
