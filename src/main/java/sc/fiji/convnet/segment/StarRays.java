package sc.fiji.convnet.segment;

/**
 * Star-convex shapes as in StarDist: from a pixel inside a nucleus, the distance to the nucleus's edge along
 * {@code R} directions at equal angles (direction k at angle 2πk/R, x = cos, y = sin; y points down). A network that
 * outputs these lengths at every pixel describes, at each pixel, the whole outline of the nucleus it lies in, so two
 * touching nuclei are two polygons even where their common edge is faint.
 */
public final class StarRays {

	/** Lengths are learnt and predicted in units of this many pixels (a typical nucleus radius at the trained scale). */
	public static final float UNIT = 10;

	private StarRays() {}

	/**
	 * The ray lengths of every pixel of a label image, in {@link #UNIT units}: {@code R} planes of w×h values, 0 on
	 * background. Each ray steps one pixel at a time from the pixel's centre until the nearest pixel of the step lies
	 * outside the pixel's nucleus (another label, background or beyond the image); the edge is taken half a step before.
	 */
	public static float[][] lengths(int[] labels, int w, int h, int rays) {
		requireRays(rays);
		float[][] out = new float[rays][w * h];
		double[] dx = new double[rays], dy = new double[rays];
		for (int k = 0; k < rays; k++) {
			dx[k] = Math.cos(2 * Math.PI * k / rays);
			dy[k] = Math.sin(2 * Math.PI * k / rays);
		}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int label = labels[y * w + x];
				if (label == 0) continue;
				for (int k = 0; k < rays; k++) {
					int t = 1;
					while (true) {
						long sx = Math.round(x + t * dx[k]), sy = Math.round(y + t * dy[k]);
						if (sx < 0 || sy < 0 || sx >= w || sy >= h || labels[(int) sy * w + (int) sx] != label) break;
						t++;
					}
					out[k][y * w + x] = (t - 0.5f) / UNIT;
				}
			}
		return out;
	}

	/**
	 * Where each ray channel goes when a map predicted on a turned view ({@code FlipAveragingPredictor}'s dihedral
	 * view: bit 0 flips x, bit 1 flips y, bit 2 then transposes) is turned back: {@code result[k]} is the original
	 * direction of the view's direction k.
	 */
	public static int[] directionsBack(int view, int rays) {
		requireRays(rays);
		int[] back = new int[rays];
		for (int k = 0; k < rays; k++) {
			int d = k;
			// the view applied flip x, flip y, then the transposition; undo in reverse order
			if ((view & 4) != 0) d = Math.floorMod(rays / 4 - d, rays); // (x, y) → (y, x): θ → π/2 − θ
			if ((view & 2) != 0) d = Math.floorMod(-d, rays); // y → −y: θ → −θ
			if ((view & 1) != 0) d = Math.floorMod(rays / 2 - d, rays); // x → −x: θ → π − θ
			back[k] = d;
		}
		return back;
	}

	/**
	 * The channel turn of a model whose outputs {@code first}… are ray lengths (the ones before do not depend on
	 * direction), for {@code FlipAveragingPredictor}.
	 */
	public static sc.fiji.convnet.predict.FlipAveragingPredictor.ChannelTurn turn(int first) {
		return (view, channels) -> {
			int[] to = new int[channels];
			for (int c = 0; c < first; c++) to[c] = c;
			int[] back = directionsBack(view, channels - first);
			for (int k = 0; k < back.length; k++) to[first + k] = first + back[k];
			return to;
		};
	}

	/** Directions at equal angles that the square's flips and quarter turns map onto each other need a multiple of 4. */
	public static void requireRays(int rays) {
		if (rays < 4 || rays % 4 != 0) throw new IllegalArgumentException("StarRays: the number of rays must be a positive multiple of 4, got " + rays);
	}
}
