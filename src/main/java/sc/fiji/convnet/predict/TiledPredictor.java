package sc.fiji.convnet.predict;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Runs a {@link Predictor} over an in-memory image in tiles and keeps each tile's core, so that the result
 * equals one whole-image pass (the image mirrored at its far side up to the size multiple). The tiles are
 * those of {@link TileGrid}, the same as {@link StreamingTiledPredictor} uses: an image within the tile
 * budget is one call on exactly its (padded) pixels; larger ones overlap by the halo between tiles only.
 */
public final class TiledPredictor {

	private final Predictor predictor;
	private final int tileSize;
	private final int halo;

	/**
	 * @param tileSize largest input tile edge in pixels (halo included); 0 takes the predictor's pixel
	 *                 budget ({@link Predictor#tilePixels()})
	 * @param halo     context pixels kept on each side between neighbouring tiles
	 */
	public TiledPredictor(Predictor predictor, int tileSize, int halo) {
		if (tileSize < 0) throw new IllegalArgumentException("Tiling: tile size must be ≥ 0 (0 = automatic), got " + tileSize);
		if (halo < 0) throw new IllegalArgumentException("Tiling: negative halo " + halo);
		this.predictor = predictor;
		this.tileSize = tileSize;
		this.halo = halo;
	}

	/** Tiles sized from the predictor's pixel budget, halo from the predictor. */
	public TiledPredictor(Predictor predictor) {
		this(predictor, 0, predictor.halo());
	}

	/** The tile grid used for an image of this width and height. */
	public TileGrid grid(int width, int height) {
		return TileGrid.of(new net.imglib2.FinalInterval(width, height), predictor, tileSize, halo);
	}

	/**
	 * @param image 1×C×H×W, already normalised
	 * @return 1×K×H×W
	 */
	public Tensor predict(Tensor image, Progress progress) {
		image.requireRank(4);
		if (image.n() != 1) throw new IllegalArgumentException("Tiling: expected one image (N=1), got " + image.shapeString());
		int c = image.c(), h = image.h(), w = image.w();
		TileGrid grid = grid(w, h);
		if (grid.count() == 1 && grid.inputWidth() == w && grid.inputHeight() == h) {
			// the whole image is the one tile: the predictor gets the image itself, no copy in or out
			Tensor result = predictor.predict(image, progress);
			checkShape(result, c, h, w);
			return result;
		}
		// zero-copy (x, y[, c]) views of the tensors, so the streaming tiler's reader and stitcher apply
		TileReader reader = new TileReader(c == 1 ? ArrayImgs.floats(image.data(), w, h) : ArrayImgs.floats(image.data(), w, h, c), TileNormalizer.NONE);
		int tw = grid.inputWidth(), th = grid.inputHeight();
		long total = grid.count();
		Tensor out = null;
		TileStitcher stitcher = null;
		for (long i = 0; i < total; i++) {
			if (progress.cancelled()) throw new CancelledException();
			Tile tile = grid.tile(i);
			float[] in = new float[c * th * tw];
			reader.read(tile, in, 0);
			Tensor result = predictor.predict(new Tensor(in, 1, c, th, tw), Progress.within(progress, i, total));
			checkShape(result, c, th, tw);
			if (out == null) {
				out = Tensor.zeros(1, result.c(), h, w);
				stitcher = new TileStitcher(view(out));
			} else if (result.c() != out.c())
				throw new IllegalStateException("Tiling: tiles gave " + result.c() + " and " + out.c() + " output channels");
			stitcher.write(tile, result.data(), 0);
		}
		return out;
	}

	private void checkShape(Tensor result, int c, int th, int tw) {
		if (result.rank() != 4 || result.n() != 1 || result.h() != th || result.w() != tw)
			throw new IllegalStateException("Tiling: " + predictor.describe() + " mapped a tile 1×" + c + "×" + th + "×" + tw + " to "
					+ result.shapeString() + "; expected 1×K×" + th + "×" + tw);
	}

	private static ArrayImg<FloatType, FloatArray> view(Tensor t) {
		return t.c() == 1 ? ArrayImgs.floats(t.data(), t.w(), t.h()) : ArrayImgs.floats(t.data(), t.w(), t.h(), t.c());
	}

	/** Mirror index into [0, n) (reflection without repeating the edge pixel). */
	static int mirror(int i, int n) {
		return PaddingMode.REFLECT.sourceIndex(i, n);
	}
}
