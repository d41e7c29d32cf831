package sc.fiji.convnet.explain;

import java.util.List;

/**
 * Equal tiles laid out row by row in a grid, with a gap between them: a single plane (row-major) ready to be
 * shown as a 32-bit image.
 */
public record Montage(float[] pixels, int width, int height, int columns, int rows, int tileWidth, int tileHeight) {

	/**
	 * @param tiles      row-major tiles of {@code tw × th} values each
	 * @param scale      each tile value becomes a scale×scale block (nearest neighbour), so 3×3 filters can be seen
	 * @param background the value of the gaps and of unused grid cells
	 */
	public static Montage of(List<float[]> tiles, int tw, int th, int columns, int scale, int gap, float background) {
		if (tiles.isEmpty()) throw new IllegalArgumentException("Montage: no tiles");
		if (tw <= 0 || th <= 0 || columns <= 0 || scale <= 0 || gap < 0)
			throw new IllegalArgumentException("Montage: tile " + tw + "×" + th + ", " + columns + " columns, scale " + scale + ", gap " + gap + " must be positive");
		int cols = Math.min(columns, tiles.size()), rows = (tiles.size() + cols - 1) / cols;
		int sw = tw * scale, sh = th * scale;
		int width = cols * sw + (cols - 1) * gap, height = rows * sh + (rows - 1) * gap;
		float[] p = new float[width * height];
		java.util.Arrays.fill(p, background);
		for (int t = 0; t < tiles.size(); t++) {
			float[] tile = tiles.get(t);
			if (tile.length != tw * th) throw new IllegalArgumentException("Montage: tile " + t + " has " + tile.length + " values, not " + tw + "×" + th);
			int ox = (t % cols) * (sw + gap), oy = (t / cols) * (sh + gap);
			for (int y = 0; y < sh; y++)
				for (int x = 0; x < sw; x++) p[(oy + y) * width + ox + x] = tile[(y / scale) * tw + x / scale];
		}
		return new Montage(p, width, height, cols, rows, sw, sh);
	}

	/** The value at (x, y). */
	public float get(int x, int y) { return pixels[y * width + x]; }

	/** A square-ish grid: ⌈√n⌉ columns. */
	public static int squareColumns(int n) { return (int) Math.ceil(Math.sqrt(n)); }
}
