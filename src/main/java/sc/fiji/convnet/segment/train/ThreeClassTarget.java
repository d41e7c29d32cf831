package sc.fiji.convnet.segment.train;

/**
 * Turns instance labels into the three classes the nuclei U-Net learns: 0 background, 1 interior,
 * 2 boundary. A nucleus pixel is boundary when a pixel within {@code width} (chessboard distance)
 * carries another label or background, so touching nuclei are always separated by boundary pixels.
 */
public final class ThreeClassTarget {

	private ThreeClassTarget() {}

	public static float[] classes(int[] labels, int w, int h, int width) {
		float[] out = new float[labels.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int l = labels[y * w + x];
				if (l == 0) continue;
				boolean boundary = false;
				for (int dy = -width; dy <= width && !boundary; dy++)
					for (int dx = -width; dx <= width; dx++) {
						int nx = x + dx, ny = y + dy;
						if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
						if (labels[ny * w + nx] != l) { boundary = true; break; }
					}
				out[y * w + x] = boundary ? 2 : 1;
			}
		return out;
	}
}
