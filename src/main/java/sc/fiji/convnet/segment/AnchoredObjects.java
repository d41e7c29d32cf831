package sc.fiji.convnet.segment;

import net.imglib2.Interval;

/**
 * The objects of a decoded crop that a block owns: those whose anchor, their first pixel in raster order (the
 * topmost row, then the leftmost pixel), lies in the block's core. An object decoded alike in two overlapping
 * crops has the same anchor in both, and every pixel lies in exactly one core, so it is kept exactly once.
 * Objects come in anchor order with their pixels (crop indices, raster order).
 */
final class AnchoredObjects {

	private final int count;
	private final int[] start; // object k's pixels are pixels[start[k] .. start[k+1])
	private final int[] pixels;
	private final boolean[] atCropEdge;

	private AnchoredObjects(int count, int[] start, int[] pixels, boolean[] atCropEdge) {
		this.count = count;
		this.start = start;
		this.pixels = pixels;
		this.atCropEdge = atCropEdge;
	}

	/**
	 * @param labels the crop's instance labels (0 background)
	 * @param crop   where the label image lies in the whole image
	 * @param core   the block's core, inside the crop
	 * @param image  the whole image (crop edges on the image's border cut nothing)
	 */
	static AnchoredObjects select(LabelImage labels, Interval crop, Interval core, Interval image) {
		int w = labels.width(), h = labels.height();
		int[] l = labels.labels();
		int max = 0;
		for (int v : l) max = Math.max(max, v);
		// rank[label] = 1 + position in anchor order among the kept objects, 0 = not kept or not seen yet, -1 = anchored outside the core
		int[] rank = new int[max + 1];
		int kept = 0;
		long cx0 = core.min(0) - crop.min(0), cy0 = core.min(1) - crop.min(1), cx1 = core.max(0) - crop.min(0), cy1 = core.max(1) - crop.min(1);
		for (int i = 0; i < l.length; i++) {
			int v = l[i];
			if (v == 0 || rank[v] != 0) continue;
			int x = i % w, y = i / w;
			rank[v] = x >= cx0 && x <= cx1 && y >= cy0 && y <= cy1 ? ++kept : -1;
		}
		int[] start = new int[kept + 1];
		for (int v : l) if (v != 0 && rank[v] > 0) start[rank[v]]++;
		for (int k = 0; k < kept; k++) start[k + 1] += start[k];
		int[] fill = java.util.Arrays.copyOf(start, kept);
		int[] pixels = new int[start[kept]];
		boolean[] edge = new boolean[kept];
		boolean cutLeft = crop.min(0) > image.min(0), cutRight = crop.max(0) < image.max(0);
		boolean cutTop = crop.min(1) > image.min(1), cutBottom = crop.max(1) < image.max(1);
		for (int i = 0; i < l.length; i++) {
			int v = l[i];
			if (v == 0 || rank[v] <= 0) continue;
			int k = rank[v] - 1;
			pixels[fill[k]++] = i;
			int x = i % w, y = i / w;
			if ((x == 0 && cutLeft) || (x == w - 1 && cutRight) || (y == 0 && cutTop) || (y == h - 1 && cutBottom)) edge[k] = true;
		}
		return new AnchoredObjects(kept, start, pixels, edge);
	}

	int count() { return count; }
	int start(int k) { return start[k]; }
	int end(int k) { return start[k + 1]; }
	int pixel(int i) { return pixels[i]; }
	/** The object reaches a crop edge inside the image: it may be cut (the margin is too small for it). */
	boolean atCropEdge(int k) { return atCropEdge[k]; }
}
