package sc.fiji.convnet.segment;

/** 4- or 8-connected component labelling of a binary mask, breadth first. */
public final class ConnectedComponents {

	private ConnectedComponents() {}

	public static LabelImage label(int width, int height, boolean[] mask, boolean eightConnected) {
		int n = width * height;
		if (mask.length != n) throw new IllegalArgumentException("ConnectedComponents: mask holds " + mask.length + " pixels, expected " + n);
		int[] labels = new int[n];
		int[] queue = new int[n];
		int next = 0;
		for (int start = 0; start < n; start++) {
			if (!mask[start] || labels[start] != 0) continue;
			int label = ++next;
			int head = 0, tail = 0;
			queue[tail++] = start;
			labels[start] = label;
			while (head < tail) {
				int p = queue[head++];
				int x = p % width, y = p / width;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						if ((dx == 0 && dy == 0) || (!eightConnected && dx != 0 && dy != 0)) continue;
						int nx = x + dx, ny = y + dy;
						if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
						int q = ny * width + nx;
						if (mask[q] && labels[q] == 0) { labels[q] = label; queue[tail++] = q; }
					}
			}
		}
		return new LabelImage(width, height, labels, next);
	}
}
