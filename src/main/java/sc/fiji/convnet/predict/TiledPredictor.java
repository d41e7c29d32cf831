package sc.fiji.convnet.predict;

import sc.fiji.convnet.engine.kernels.PaddingMode;
import java.util.function.BooleanSupplier;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Runs a {@link Predictor} over an image of any size in tiles with a halo and keeps only each
 * tile's centre, so every output pixel sees the same context as in one whole-image pass. Outside
 * the image the input is mirrored. Tiles are also padded up to the predictor's size multiple.
 */
public final class TiledPredictor {

	private final Predictor predictor;
	private final int tileSize;
	private final int halo;

	/**
	 * @param tileSize edge of the input tiles in pixels (including the halo)
	 * @param halo     context pixels on each side that are computed but discarded
	 */
	public TiledPredictor(Predictor predictor, int tileSize, int halo) {
		if (tileSize <= 2 * halo)
			throw new IllegalArgumentException("Tiling: tile size " + tileSize + " must exceed twice the halo (" + halo + ")");
		this.predictor = predictor;
		this.tileSize = tileSize;
		this.halo = halo;
	}

	/**
	 * @param image 1×C×H×W, already normalised
	 * @return 1×K×H×W
	 */
	public Tensor predict(Tensor image, Progress progress) {
		image.requireRank(4);
		if (image.n() != 1) throw new IllegalArgumentException("Tiling: expected one image (N=1), got " + image.shapeString());
		int c = image.c(), h = image.h(), w = image.w();
		int fixed = predictor.fixedSize();
		int edge = fixed > 0 ? fixed : tileSize;
		if (edge <= 2 * halo) throw new IllegalArgumentException("Tiling: the model's input size " + edge + " does not exceed twice its halo (" + halo + ")");
		int multiple = predictor.sizeMultiple();
		// tiles start on the model's pooling grid (core and halo multiples of the size multiple), so that
		// every tile pools the same pixel blocks as a whole-image pass would
		int core = (edge - 2 * halo) / multiple * multiple;
		if (core <= 0) throw new IllegalArgumentException("Tiling: tile size " + edge + " leaves no centre beside a halo of " + halo
				+ " in steps of " + multiple);
		int tilesY = (h + core - 1) / core, tilesX = (w + core - 1) / core;
		Tensor out = null;
		int done = 0, total = tilesX * tilesY;
		for (int ty = 0; ty < tilesY; ty++)
			for (int tx = 0; tx < tilesX; tx++) {
				if (progress.cancelled()) throw new CancelledException();
				int y0 = ty * core, x0 = tx * core;
				int coreH = Math.min(core, h - y0), coreW = Math.min(core, w - x0);
				int inH = fixed > 0 ? fixed : roundUp(coreH + 2 * halo, multiple), inW = fixed > 0 ? fixed : roundUp(coreW + 2 * halo, multiple);
				Tensor tile = Tensor.zeros(1, c, inH, inW);
				copyMirrored(image, tile, y0 - halo, x0 - halo);
				Tensor result = predictor.predict(tile);
				if (out == null) out = Tensor.zeros(1, result.c(), h, w);
				copyCore(result, out, halo, halo, y0, x0, coreH, coreW);
				progress.update(++done, total);
			}
		return out;
	}

	private static int roundUp(int value, int multiple) {
		return (value + multiple - 1) / multiple * multiple;
	}

	/** Mirror index into [0, n) (reflection without repeating the edge pixel). */
	static int mirror(int i, int n) {
		return PaddingMode.REFLECT.sourceIndex(i, n);
	}

	private static void copyMirrored(Tensor src, Tensor dst, int sy0, int sx0) {
		int c = src.c(), h = src.h(), w = src.w(), th = dst.h(), tw = dst.w();
		float[] s = src.data(), d = dst.data();
		for (int ch = 0; ch < c; ch++)
			for (int y = 0; y < th; y++) {
				int sy = mirror(sy0 + y, h);
				int srow = (ch * h + sy) * w, drow = (ch * th + y) * tw;
				for (int x = 0; x < tw; x++) d[drow + x] = s[srow + mirror(sx0 + x, w)];
			}
	}

	private static void copyCore(Tensor tile, Tensor out, int ty0, int tx0, int oy0, int ox0, int hh, int ww) {
		int k = tile.c(), th = tile.h(), tw = tile.w(), oh = out.h(), ow = out.w();
		if (k != out.c()) throw new IllegalStateException("Tiling: tiles gave " + k + " and " + out.c() + " output channels");
		float[] s = tile.data(), d = out.data();
		for (int ch = 0; ch < k; ch++)
			for (int y = 0; y < hh; y++)
				System.arraycopy(s, (ch * th + ty0 + y) * tw + tx0, d, (ch * oh + oy0 + y) * ow + ox0, ww);
	}
}
