package sc.fiji.convnet.predict;

import net.imglib2.Interval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Writes the core of each predicted tile (the halo discarded) into an {@code (x, y[, k])} output, clipped to
 * the output's interval, so that the output may be any region of the image. Not thread-safe.
 */
final class TileStitcher {

	private final RandomAccessibleInterval<FloatType> output;
	private final RandomAccess<FloatType> access;
	private final int outChannels;
	private final long minK;
	/** The pixels of a float {@link net.imglib2.img.array.ArrayImg} output, written row by row; null for other images. */
	private final float[] array;

	TileStitcher(RandomAccessibleInterval<FloatType> output) {
		this.output = output;
		this.access = output.randomAccess();
		this.outChannels = output.numDimensions() == 3 ? Math.toIntExact(output.dimension(2)) : 1;
		this.minK = output.numDimensions() == 3 ? output.min(2) : 0;
		this.array = TileReader.floatArray(output);
	}

	int channels() { return outChannels; }

	/** Writes the tile's core from a K×H×W block of {@code src} starting at {@code offset}. */
	void write(Tile tile, float[] src, int offset) {
		Interval o = output;
		long x0 = Math.max(tile.coreX(), o.min(0)), x1 = Math.min(tile.coreX() + tile.coreWidth() - 1, o.max(0));
		long y0 = Math.max(tile.coreY(), o.min(1)), y1 = Math.min(tile.coreY() + tile.coreHeight() - 1, o.max(1));
		if (x1 < x0 || y1 < y0) return;
		int tw = tile.inputWidth(), plane = tw * tile.inputHeight();
		int n = (int) (x1 - x0 + 1);
		for (int k = 0; k < outChannels; k++) {
			if (output.numDimensions() == 3) access.setPosition(minK + k, 2);
			for (long y = y0; y <= y1; y++) {
				int s = offset + k * plane + (int) (y - tile.inputY()) * tw + (int) (x0 - tile.inputX());
				if (array != null) { // an ArrayImg starts at 0
					System.arraycopy(src, s, array, (int) ((k * o.dimension(1) + y) * o.dimension(0) + x0), n);
					continue;
				}
				access.setPosition(y, 1);
				access.setPosition(x0, 0);
				for (int x = 0; x < n; x++) {
					access.get().set(src[s + x]);
					access.fwd(0);
				}
			}
		}
	}
}
