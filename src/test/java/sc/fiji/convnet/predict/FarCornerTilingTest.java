package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Index arithmetic past 2^31 pixels (the StarDist #245 lesson): a lazily generated 49,999 × 49,999 image
 * (2.5·10^9 pixels) whose two channels hold each pixel's own x and y; only the tiles of the far corner are
 * computed (the output is a view of that corner), through a predictor that returns its input and records
 * what each tile saw. Then every output pixel must hold its own coordinates, and each tile must have read
 * the window the grid names, mirrored only past the image's far side (49,999 is padded to 50,000, the size
 * multiple, as a whole-image pass would be).
 */
class FarCornerTilingTest {

	private static final long SIZE = 49_999;

	/** Channel 0 = x, channel 1 = y (exact in float below 2^24); generated on demand, never stored. */
	private static RandomAccessibleInterval<FloatType> coordinates() {
		FunctionRandomAccessible<FloatType> f = new FunctionRandomAccessible<>(3,
				(pos, t) -> t.set(pos.getLongPosition(2) == 0 ? pos.getLongPosition(0) : pos.getLongPosition(1)), FloatType::new);
		return Views.interval(f, new FinalInterval(SIZE, SIZE, 2));
	}

	/** Identity with a size multiple; records each tile's values at its first and last pixel. */
	private static final class Recording implements Predictor {
		final List<float[]> seen = new ArrayList<>();
		int calls;

		@Override
		public Tensor predict(Tensor in) {
			calls++;
			for (int n = 0; n < in.n(); n++)
				seen.add(new float[] { in.get(n, 0, 0, 0), in.get(n, 1, 0, 0), in.get(n, 0, 0, in.w() - 1), in.get(n, 1, in.h() - 1, 0) });
			return in.copy();
		}

		@Override public int sizeMultiple() { return 8; }
		@Override public int halo() { return 20; }
		@Override public int maxBatch() { return 8; }
		@Override public String describe() { return "recording identity"; }
	}

	private static long mirrored(long x) { return x < SIZE ? x : 2 * (SIZE - 1) - x; }

	@Test
	void farCornerOfA50kImage() {
		RandomAccessibleInterval<FloatType> input = coordinates();
		Recording rec = new Recording();
		StreamingTiledPredictor p = StreamingTiledPredictor.builder(rec).tileSize(256).batchSize(5).build();
		TileGrid grid = p.grid(input);
		assertEquals(24, grid.halo()); // 20 rounded up to the size multiple 8
		assertEquals(256, grid.inputWidth());
		assertTrue(SIZE * SIZE > Integer.MAX_VALUE);

		long x0 = 49_300, y0 = 49_500;
		RandomAccessibleInterval<FloatType> corner = Views.translate(ArrayImgs.floats(SIZE - x0, SIZE - y0, 2), x0, y0, 0);
		StreamingTiledPredictor.Report report = p.predict(input, corner, Progress.NONE);

		// the tiles: every column and row whose core reaches into the corner
		long firstCol = -1, firstRow = -1;
		for (long i = grid.columns() - 1; i >= 0 && grid.tile(i, 0).coreX() + grid.tile(i, 0).coreWidth() > x0; i--) firstCol = i;
		for (long i = grid.rows() - 1; i >= 0 && grid.tile(0, i).coreY() + grid.tile(0, i).coreHeight() > y0; i--) firstRow = i;
		long cols = grid.columns() - firstCol, expectedTiles = cols * (grid.rows() - firstRow);
		assertEquals(expectedTiles, report.tiles());
		assertEquals(expectedTiles, rec.seen.size());
		assertEquals((expectedTiles + 4) / 5, rec.calls);
		for (int i = 0; i < rec.seen.size(); i++) {
			float[] s = rec.seen.get(i);
			Tile t = grid.tile(firstCol + i % cols, firstRow + i / cols);
			assertEquals(t.inputX(), (long) s[0], "input x of tile " + i);
			assertEquals(t.inputY(), (long) s[1], "input y of tile " + i);
			assertTrue(t.inputX() % 8 == 0 && t.inputX() + 256 <= SIZE + 1, "window " + t);
			// the tile's far edge, mirrored back into the image where it leaves it: 49,999 reads 49,997
			assertEquals(mirrored(t.inputX() + 255), (long) s[2], "far x of tile " + i);
			assertEquals(mirrored(t.inputY() + 255), (long) s[3], "far y of tile " + i);
		}
		// every output pixel holds its own position
		RandomAccess<FloatType> ra = corner.randomAccess();
		for (long y = y0; y < SIZE; y++)
			for (long x = x0; x < SIZE; x++) {
				ra.setPosition(new long[] { x, y, 0 });
				if (ra.get().get() != x) throw new AssertionError("x at (" + x + ", " + y + ") is " + ra.get().get());
				ra.setPosition(1, 2);
				if (ra.get().get() != y) throw new AssertionError("y at (" + x + ", " + y + ") is " + ra.get().get());
			}
	}

	@Test
	void gridArithmeticBeyondIntRange() {
		long side = 3_000_000_000L; // 9·10^18 pixels, 4.5·10^13 tiles
		TileGrid g = new TileGrid(new FinalInterval(side, side), 512, 32, 16, 0);
		// the fewest windows of at most 512 that overlap by 2 × 32: ⌈(side − 64) / (512 − 64)⌉
		long cols = (side - 64 + 447) / 448;
		assertEquals(cols, g.columns());
		assertEquals(512, g.inputWidth());
		assertEquals(Math.multiplyExact(cols, cols), g.count());
		Tile last = g.tile(g.count() - 1);
		assertEquals(cols - 1, last.column());
		assertEquals(cols - 1, last.row());
		assertEquals(side - 512, last.inputX()); // the last window ends at the image's far side
		assertEquals(side, last.coreX() + last.coreWidth());
		assertTrue(last.coreX() - last.inputX() >= 32);
		Tile middle = g.tile(cols * (cols / 2) + 7);
		assertEquals(7, middle.column());
		assertEquals(cols / 2, middle.row());
		assertTrue(middle.inputY() % 16 == 0 && middle.coreY() - middle.inputY() >= 32
				&& middle.inputY() + 512 - (middle.coreY() + middle.coreHeight()) >= 32, middle.toString());
		Tile below = g.tile(cols * (cols / 2 + 1) + 7);
		assertEquals(middle.coreY() + middle.coreHeight(), below.coreY());
		// a region near the far corner maps to the right tile rectangle
		TileGrid.TileRange r = g.covering(new FinalInterval(new long[] { side - 1000, side - 10 }, new long[] { side - 1, side - 1 }));
		Tile firstCovered = g.tile(r.firstColumn(), r.firstRow());
		assertTrue(firstCovered.coreX() <= side - 1000 && side - 1000 < firstCovered.coreX() + firstCovered.coreWidth(), firstCovered.toString());
		assertEquals(cols - 1, r.lastColumn());
		assertEquals(cols - 1, r.lastRow());
		assertEquals(r.columns() * (r.lastRow() - r.firstRow() + 1), r.count());
	}

	@Test
	void fewestWindowsAsSmallAsTheyCanBe() {
		// 1000 px (padded to 1008) with tiles of at most 512 and a halo of 32: three windows of 384 at 0, 304, 624
		// (3 · 384 − 2 · 64 ≥ 1008); 300 px fit one window of 304 with no halo at all
		TileGrid g = new TileGrid(new FinalInterval(1000, 300), 512, 32, 16, 0);
		assertEquals(3, g.columns());
		assertEquals(384, g.inputWidth());
		assertEquals(1, g.rows());
		assertEquals(304, g.inputHeight());
		assertEquals(300, g.tile(0, 0).coreHeight());
		assertEquals(0, g.tile(0, 0).inputX());
		assertEquals(1008 - 384, g.tile(2, 0).inputX());
		assertEquals(304, g.tile(1, 0).inputX()); // 39 steps of 16 between the first and the last, split 19 + 20
		assertEquals((0 + 304 + 384) / 2, g.tile(0, 0).coreWidth());
		assertEquals(1000, g.tile(2, 0).coreX() + g.tile(2, 0).coreWidth());
	}
}
