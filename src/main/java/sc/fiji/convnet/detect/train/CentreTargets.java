package sc.fiji.convnet.detect.train;

import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.CentreLayout;

/**
 * Target assignment of the centre detector (after TTFNet, Liu et al. 2019): boxes in network-input
 * pixels become a target of N×(C + 5)×GH×GW values.
 * <ul>
 * <li>Channels 0..C−1, the centre heat maps: 1 at the cell holding a box's centre, an elliptical Gaussian
 *     around it with σ = {@link #GAUSSIAN}·(box size)/6 (at least {@link #MIN_SIGMA} cells) along each axis,
 *     the maximum where bumps of one class overlap. Overlapping red cells keep separate peaks, so each gets
 *     one box.</li>
 * <li>Channels C..C+3, the distances from each cell's centre to the box's left, top, right and bottom sides
 *     in units of the stride, at the cells that regress a box: those whose centre lies in the central
 *     {@link #GAUSSIAN} part of the box, and always the centre cell.</li>
 * <li>Channel C+4, the regression weight: the Gaussian at the cell, normalised so that each box's weights
 *     sum to 1 (small and large objects count alike). A cell claimed by several boxes belongs to the
 *     smallest (FCOS's rule).</li>
 * </ul>
 */
public final class CentreTargets {

	/** Share of the box size the Gaussian and the regression area cover (TTFNet's α = β = 0.54). */
	public static final double GAUSSIAN = 0.54;
	public static final double MIN_SIGMA = 0.4, MIN_DISTANCE = 0.05;

	private CentreTargets() {}

	public static int channels(CentreLayout layout) { return layout.classes().size() + 5; }

	/** Writes sample {@code n}'s target into {@code target} (N×(C+5)×gh×gw, zero-initialised). */
	public static void encode(CentreLayout layout, List<Box> boxes, int gh, int gw, float[] target, int n) {
		int classes = layout.classes().size(), plane = gh * gw, base = n * (classes + 5) * plane;
		double s = layout.stride();
		int[] owner = new int[plane];
		Arrays.fill(owner, -1);
		float[] gauss = new float[plane];
		for (int k = 0; k < boxes.size(); k++) {
			Box b = boxes.get(k);
			if (!(b.width() > 0 && b.height() > 0)) continue;
			double cx = b.centreX() / s, cy = b.centreY() / s;
			int ci = (int) Math.floor(cx), cj = (int) Math.floor(cy);
			if (ci < 0 || cj < 0 || ci >= gw || cj >= gh) continue;
			double sx = Math.max(MIN_SIGMA, GAUSSIAN * b.width() / s / 6), sy = Math.max(MIN_SIGMA, GAUSSIAN * b.height() / s / 6);
			int heat = base + layout.heatChannel(layout.classIndex(b.label())) * plane;
			int rx = (int) Math.ceil(3 * sx), ry = (int) Math.ceil(3 * sy);
			for (int j = Math.max(0, cj - ry); j <= Math.min(gh - 1, cj + ry); j++)
				for (int i = Math.max(0, ci - rx); i <= Math.min(gw - 1, ci + rx); i++) {
					float g = gaussian(i - ci, j - cj, sx, sy);
					int cell = j * gw + i;
					if (g > target[heat + cell]) target[heat + cell] = g;
					// the regression area: cell centres in the central part of the box, and the centre cell
					double u = (i + 0.5 - cx) / (b.width() / s), v = (j + 0.5 - cy) / (b.height() / s);
					boolean inside = Math.abs(u) <= GAUSSIAN / 2 && Math.abs(v) <= GAUSSIAN / 2 || i == ci && j == cj;
					if (inside && (owner[cell] < 0 || boxes.get(owner[cell]).area() > b.area())) {
						owner[cell] = k;
						gauss[cell] = g;
					}
				}
		}
		double[] sums = new double[boxes.size()];
		for (int cell = 0; cell < plane; cell++) if (owner[cell] >= 0) sums[owner[cell]] += gauss[cell];
		int box = base + layout.boxChannel() * plane, weight = box + 4 * plane;
		for (int cell = 0; cell < plane; cell++) {
			if (owner[cell] < 0) continue;
			Box b = boxes.get(owner[cell]);
			double x = layout.cellCentre(cell % gw), y = layout.cellCentre(cell / gw);
			target[box + cell] = (float) Math.max(MIN_DISTANCE, (x - b.x()) / s);
			target[box + plane + cell] = (float) Math.max(MIN_DISTANCE, (y - b.y()) / s);
			target[box + 2 * plane + cell] = (float) Math.max(MIN_DISTANCE, (b.x2() - x) / s);
			target[box + 3 * plane + cell] = (float) Math.max(MIN_DISTANCE, (b.y2() - y) / s);
			target[weight + cell] = (float) (gauss[cell] / sums[owner[cell]]);
		}
	}

	/** The heat of a cell (di, dj) cells from the centre cell; exactly 1 at the centre. */
	static float gaussian(int di, int dj, double sx, double sy) {
		if (di == 0 && dj == 0) return 1f;
		return (float) Math.exp(-(di * di / (2 * sx * sx) + dj * dj / (2 * sy * sy)));
	}
}
