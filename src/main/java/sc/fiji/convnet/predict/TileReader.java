package sc.fiji.convnet.predict;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
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
	/** The pixels of a float {@link ArrayImg} input, copied row by row; null for other images. */
	private final float[] array;

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
		this.array = floatArray(image);
	}

	/** The backing array of a float ArrayImg (ImageJ's 32-bit images wrap as those), else null. */
	static float[] floatArray(RandomAccessibleInterval<?> img) {
		if (img instanceof ArrayImg<?, ?> a && a.update(null) instanceof FloatArray f) return f.getCurrentStorageArray();
		return null;
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
				long sy = mirror(y0 + y, height);
				int d = offset + c * plane + y * tw;
				if (array != null) {
					int row = (int) ((c * height + sy) * width);
					if (rowInside) System.arraycopy(array, row + (int) x0, dst, d, tw);
					else for (int x = 0; x < tw; x++) dst[d + x] = array[row + (int) mirror(x0 + x, width)];
					continue;
				}
				access.setPosition(minY + sy, 1);
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
