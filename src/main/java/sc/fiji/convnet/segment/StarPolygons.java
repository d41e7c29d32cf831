package sc.fiji.convnet.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Nuclei from star-convex ray lengths ({@link StarRays}), as StarDist finds them: every pixel whose object score (the
 * normalised distance output) is high enough proposes the polygon its ray lengths draw; proposals are taken from the
 * surest down, and one is kept only if it overlaps no kept polygon by more than an IoU threshold (non-maximum
 * suppression). Kept polygons are painted surest on top. Overlaps are counted on a raster: a pixel belongs to the first
 * (surest) kept polygon that covers it, and a proposal's overlap with a kept polygon is the pixels of it that polygon owns.
 */
final class StarPolygons {

	/** One kept polygon: its centre pixel and ray lengths in pixels, its score and area. */
	record Star(int x, int y, float[] lengths, float score, int area) {}

	private final double minScore, maxOverlap;
	static final double WITHIN = Double.parseDouble(System.getProperty("convnet.star.within", "1")); // EXPERIMENT

	/**
	 * @param minScore   the object score (normalised distance, 1 at a centre) a pixel needs to propose its polygon
	 * @param maxOverlap the largest IoU a kept polygon may have with a surer one
	 */
	StarPolygons(double minScore, double maxOverlap) {
		this.minScore = minScore;
		this.maxOverlap = maxOverlap;
	}

	/**
	 * The kept polygons of maps {@code score} (w×h) and {@code rays} (R planes of lengths in {@link StarRays#UNIT}s),
	 * surest first, each proposed only where {@code allowed}.
	 */
	List<Star> find(float[] score, float[][] rays, boolean[] allowed, int w, int h) {
		int n = w * h, r = rays.length;
		StarRays.requireRays(r);
		List<Integer> proposals = new ArrayList<>();
		for (int i = 0; i < n; i++) if (score[i] > minScore && allowed[i]) proposals.add(i);
		proposals.sort((a, b) -> Float.compare(score[b], score[a]));
		int[] owner = new int[n]; // 1 + index of the kept polygon owning the pixel
		List<Star> kept = new ArrayList<>();
		int[] overlap = new int[16];
		for (int i : proposals) {
			int x = i % w, y = i / w;
			if (owner[i] != 0 && score[i] < kept.get(owner[i] - 1).score() && inCore(kept.get(owner[i] - 1), x, y)) continue; // deep inside a kept one
			float[] lengths = new float[r];
			for (int k = 0; k < r; k++) lengths[k] = Math.max(0, rays[k][i]) * StarRays.UNIT;
			Star candidate = new Star(x, y, lengths, score[i], 0);
			int[] pixels = raster(candidate, w, h);
			if (pixels.length == 0) continue;
			if (overlap.length < kept.size() + 1) overlap = new int[2 * (kept.size() + 1)];
			List<Integer> touched = new ArrayList<>();
			for (int p : pixels) {
				int o = owner[p];
				if (o != 0 && overlap[o]++ == 0) touched.add(o);
			}
			boolean suppressed = false;
			int covered = 0;
			for (int o : touched) covered += overlap[o];
			if (covered > WITHIN * pixels.length) suppressed = true;
			for (int o : touched) {
				int inter = overlap[o], other = kept.get(o - 1).area();
				if (inter / (double) (pixels.length + other - inter) > maxOverlap) suppressed = true;
				overlap[o] = 0;
			}
			if (suppressed) continue;
			kept.add(new Star(x, y, lengths, score[i], pixels.length));
			for (int p : pixels) if (owner[p] == 0) owner[p] = kept.size();
		}
		return kept;
	}

	/** A proposal from within the inner half of a surer kept polygon draws nearly the same outline: skipped unexamined. */
	private static boolean inCore(Star s, int x, int y) {
		double dx = x - s.x(), dy = y - s.y();
		double shortest = Float.MAX_VALUE;
		for (float l : s.lengths()) shortest = Math.min(shortest, l);
		return dx * dx + dy * dy < 0.25 * shortest * shortest;
	}

	/** Paints the polygons into a label image of {@code outW}×{@code outH}, their coordinates multiplied by {@code scale}; surest on top. */
	static LabelImage paint(List<Star> stars, int outW, int outH, double scale) {
		int[] labels = new int[outW * outH];
		for (int s = stars.size() - 1; s >= 0; s--) {
			Star star = stars.get(s);
			float[] l = star.lengths().clone();
			for (int k = 0; k < l.length; k++) l[k] *= (float) scale;
			Star scaled = new Star(0, 0, l, star.score(), 0);
			for (int p : raster(scaled, (star.x() + 0.5) * scale - 0.5, (star.y() + 0.5) * scale - 0.5, outW, outH)) labels[p] = s + 1;
		}
		return new LabelImage(outW, outH, labels, 0);
	}

	/** The pixels whose centres lie inside the star's polygon, clipped to w×h. */
	static int[] raster(Star s, int w, int h) { return raster(s, s.x(), s.y(), w, h); }

	private static int[] raster(Star s, double cx, double cy, int w, int h) {
		float[] l = s.lengths();
		int r = l.length;
		double[] vx = new double[r], vy = new double[r];
		double reach = 0;
		for (int k = 0; k < r; k++) {
			double a = 2 * Math.PI * k / r;
			vx[k] = l[k] * Math.cos(a);
			vy[k] = l[k] * Math.sin(a);
			reach = Math.max(reach, l[k]);
		}
		int x0 = (int) Math.max(0, Math.floor(cx - reach)), x1 = (int) Math.min(w - 1, Math.ceil(cx + reach));
		int y0 = (int) Math.max(0, Math.floor(cy - reach)), y1 = (int) Math.min(h - 1, Math.ceil(cy + reach));
		int[] out = new int[Math.max(0, (x1 - x0 + 1) * (y1 - y0 + 1))];
		int count = 0;
		double step = 2 * Math.PI / r;
		for (int y = y0; y <= y1; y++)
			for (int x = x0; x <= x1; x++) {
				double dx = x - cx, dy = y - cy;
				if (dx == 0 && dy == 0) { out[count++] = y * w + x; continue; }
				double angle = Math.atan2(dy, dx);
				if (angle < 0) angle += 2 * Math.PI;
				int k = Math.min(r - 1, (int) (angle / step)), k1 = (k + 1) % r;
				// inside when on the centre's side of the edge from vertex k to vertex k + 1
				double ex = vx[k1] - vx[k], ey = vy[k1] - vy[k];
				double side = ex * (dy - vy[k]) - ey * (dx - vx[k]), centreSide = ex * (-vy[k]) - ey * (-vx[k]);
				if (side * centreSide >= 0 && !(centreSide == 0 && side != 0)) out[count++] = y * w + x;
			}
		return java.util.Arrays.copyOf(out, count);
	}
}
