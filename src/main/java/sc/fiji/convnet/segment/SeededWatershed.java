package sc.fiji.convnet.segment;

import java.util.PriorityQueue;

/**
 * Grows labelled seeds over a mask in order of increasing cost (a marker-controlled watershed):
 * each unlabelled mask pixel joins the seed whose flood reaches it first. Pixels outside the mask
 * stay background. Ties are broken by arrival order so the result does not depend on hashing.
 */
public final class SeededWatershed {

	private SeededWatershed() {}

	/**
	 * @param seeds labels of the seeds (0 = none), modified in place into the result
	 * @param cost  flooding cost per pixel, low first (e.g. negative distance or 1 − probability)
	 * @param mask  which pixels may be labelled
	 */
	public static void flood(int width, int height, int[] seeds, float[] cost, boolean[] mask) {
		int n = width * height;
		if (seeds.length != n || cost.length != n || mask.length != n)
			throw new IllegalArgumentException("SeededWatershed: seeds, cost and mask must all hold " + n + " pixels");
		PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> {
			int c = Float.compare(Float.intBitsToFloat((int) a[0]), Float.intBitsToFloat((int) b[0]));
			return c != 0 ? c : Long.compare(a[1], b[1]);
		});
		boolean[] queued = new boolean[n];
		long order = 0;
		for (int p = 0; p < n; p++) {
			if (seeds[p] == 0) continue;
			queued[p] = true;
			order = pushNeighbours(width, height, p, seeds, cost, mask, queued, queue, order);
		}
		while (!queue.isEmpty()) {
			long[] item = queue.poll();
			int p = (int) item[2];
			int label = (int) item[3];
			if (seeds[p] != 0) continue;
			seeds[p] = label;
			order = pushNeighbours(width, height, p, seeds, cost, mask, queued, queue, order);
		}
	}

	private static long pushNeighbours(int width, int height, int p, int[] labels, float[] cost, boolean[] mask,
			boolean[] queued, PriorityQueue<long[]> queue, long order) {
		int x = p % width, y = p / width;
		for (int k = 0; k < 4; k++) {
			int nx = x + (k == 0 ? 1 : k == 1 ? -1 : 0), ny = y + (k == 2 ? 1 : k == 3 ? -1 : 0);
			if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
			int q = ny * width + nx;
			if (!mask[q] || labels[q] != 0 || queued[q]) continue;
			queued[q] = true;
			queue.add(new long[] { Float.floatToIntBits(cost[q]), order++, q, labels[p] });
		}
		return order;
	}
}
