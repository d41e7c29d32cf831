package sc.fiji.convnet.predict;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Copies a tile's input pixels out of an {@code (x, y[, c])} image into a C×H×W block of a float array,
 * mirroring at the image border (reflection without repeating the edge pixel, as {@link TiledPredictor}),
 * then normalises each channel plane. Not thread-safe: one reader per thread.
 */
final class TileReader {

	private final RandomAccessibleInterval<? extends RealType<?>> image;
	private final RandomAccess<? extends RealType<?>> access;
	private final TileNormalizer normalizer;
	private final long minX, minY, minC, width, height;
	private final int channels;

	TileReader(RandomAccessibleInterval<? extends RealType<?>> image, TileNormalizer normalizer) {
		this.image = image;
		this.access = image.randomAccess();
		this.normalizer = normalizer;
		this.minX = image.min(0);
		this.minY = image.min(1);
		this.width = image.dimension(0);
		this.height = image.dimension(1);
		this.channels = image.numDimensions() == 3 ? Math.toIntExact(image.dimension(2)) : 1;
		this.minC = image.numDimensions() == 3 ? image.min(2) : 0;
	}

	int channels() { return channels; }

	/** Fills {@code channels × inputHeight × inputWidth} values of {@code dst} from {@code offset}. */
	void read(Tile tile, float[] dst, int offset) {
		int tw = tile.inputWidth(), th = tile.inputHeight();
		long x0 = tile.inputX() - minX, y0 = tile.inputY() - minY;
		boolean rowInside = x0 >= 0 && x0 + tw <= width;
		int plane = tw * th;
		for (int c = 0; c < channels; c++) {
			if (image.numDimensions() == 3) access.setPosition(minC + c, 2);
			for (int y = 0; y < th; y++) {
				access.setPosition(minY + mirror(y0 + y, height), 1);
				int d = offset + c * plane + y * tw;
				if (rowInside) {
					access.setPosition(minX + x0, 0);
					for (int x = 0; x < tw; x++) {
						dst[d + x] = access.get().getRealFloat();
						access.fwd(0);
					}
				} else {
					for (int x = 0; x < tw; x++) {
						access.setPosition(minX + mirror(x0 + x, width), 0);
						dst[d + x] = access.get().getRealFloat();
					}
				}
			}
			normalizer.normalize(dst, offset + c * plane, plane, c);
		}
	}

	/** Mirror index into [0, n) (reflection without repeating the edge pixel), for any distance. */
	static long mirror(long i, long n) {
		if (i >= 0 && i < n) return i;
		if (n == 1) return 0;
		long period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}
}
