package sc.fiji.convnet.segment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.view.Views;

/** Label-image facts the block-wise tests check, computed directly from the pixels. */
final class LabelChecks {

	private LabelChecks() {}

	/** An ImgLib2 label image as a {@link LabelImage} (row-major copy). */
	static LabelImage toLabelImage(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		int w = (int) labels.dimension(0), h = (int) labels.dimension(1);
		int[] out = new int[w * h];
		int i = 0;
		for (IntegerType<?> v : Views.flatIterable(labels)) out[i++] = (int) v.getIntegerLong();
		int max = 0;
		for (int l : out) max = Math.max(max, l);
		return new LabelImage(w, h, out, max);
	}

	static Set<Integer> distinctIds(LabelImage l) {
		Set<Integer> ids = new HashSet<>();
		for (int v : l.labels()) if (v != 0) ids.add(v);
		return ids;
	}

	/** Labels whose pixels form more than one 8-connected piece (one id in two separate places). */
	static Set<Integer> splitLabels(LabelImage l) {
		int w = l.width(), h = l.height();
		int[] a = l.labels();
		boolean[] seen = new boolean[a.length];
		Set<Integer> started = new HashSet<>(), split = new HashSet<>();
		int[] queue = new int[a.length];
		for (int s = 0; s < a.length; s++) {
			if (a[s] == 0 || seen[s]) continue;
			int id = a[s];
			if (!started.add(id)) split.add(id);
			int head = 0, tail = 0;
			queue[tail++] = s;
			seen[s] = true;
			while (head < tail) {
				int p = queue[head++];
				int x = p % w, y = p / w;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int nx = x + dx, ny = y + dy;
						if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
						int q = ny * w + nx;
						if (!seen[q] && a[q] == id) { seen[q] = true; queue[tail++] = q; }
					}
			}
		}
		return split;
	}

	/**
	 * Null when the two label images are the same partition up to renumbering (same background, a one-to-one
	 * map between ids); else a description of the first difference.
	 */
	static String samePartition(LabelImage a, LabelImage b) {
		Map<Integer, Integer> ab = new HashMap<>(), ba = new HashMap<>();
		int[] x = a.labels(), y = b.labels();
		for (int i = 0; i < x.length; i++) {
			if ((x[i] == 0) != (y[i] == 0)) return "pixel (" + i % a.width() + ", " + i / a.width() + "): " + x[i] + " vs " + y[i];
			if (x[i] == 0) continue;
			Integer m = ab.putIfAbsent(x[i], y[i]), n = ba.putIfAbsent(y[i], x[i]);
			if ((m != null && m != y[i]) || (n != null && n != x[i]))
				return "pixel (" + i % a.width() + ", " + i / a.width() + "): object " + x[i] + " vs " + y[i] + " breaks the one-to-one map";
		}
		return null;
	}
}
