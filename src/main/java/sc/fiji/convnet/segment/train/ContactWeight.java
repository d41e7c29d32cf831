package sc.fiji.convnet.segment.train;

import java.util.Arrays;

/**
 * Per-pixel weights of the class loss that stress where nuclei touch or nearly touch, the pixels that decide whether
 * two neighbours come out as one object (the weight map idea of Ronneberger et al.'s U-Net, in its simplest form): a
 * pixel whose neighbourhood within {@link #RADIUS} (chessboard distance) holds two different nuclei gets {@code weight},
 * every other pixel 1. That covers the boundary pixels between touching nuclei and the narrow gaps between close ones.
 */
public final class ContactWeight {

	/** How far a pixel looks for two nuclei: 2 covers both sides of a one-pixel boundary and gaps up to 3 pixels. */
	static final int RADIUS = 2;

	private ContactWeight() {}

	public static float[] of(int[] labels, int w, int h, float weight) {
		float[] out = new float[labels.length];
		Arrays.fill(out, 1f);
		if (weight == 1f) return out;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (twoNuclei(labels, w, h, x, y)) out[y * w + x] = weight;
		return out;
	}

	private static boolean twoNuclei(int[] labels, int w, int h, int x, int y) {
		int first = 0;
		for (int ny = Math.max(0, y - RADIUS); ny <= Math.min(h - 1, y + RADIUS); ny++)
			for (int nx = Math.max(0, x - RADIUS); nx <= Math.min(w - 1, x + RADIUS); nx++) {
				int l = labels[ny * w + nx];
				if (l == 0) continue;
				if (first == 0) first = l;
				else if (l != first) return true;
			}
		return false;
	}
}
