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
 * Index arithmetic past 2^31 pixels (the StarDist #245 lesson): a lazily generated 50,000 × 50,000 image
 * (2.5·10^9 pixels) whose two channels hold each pixel's own x and y; only the tiles of the far corner are
 * computed (the output is a view of that corner), through a predictor that returns its input and records
 * what each tile saw. Then every output pixel must hold its own coordinates.
 */
class FarCornerTilingTest {

	private static final long SIZE = 50_000;

	/** Channel 0 = x, channel 1 = y (exact in float below 2^24); generated on demand, never stored. */
	private static RandomAccessibleInterval<FloatType> coordinates() {
		FunctionRandomAccessible<FloatType> f = new FunctionRandomAccessible<>(3,
				(pos, t) -> t.set(pos.getLongPosition(2) == 0 ? pos.getLongPosition(0) : pos.getLongPosition(1)), FloatType::new);
		return Views.interval(f, new FinalInterval(SIZE, SIZE, 2));
	}

	/** Identity with a size multiple; records each tile's value at its top-left corner and at its core's corner. */
	private static final class Recording implements Predictor {
		final List<float[]> seen = new ArrayList<>();
		final int coreOffset;
		int calls;

		Recording(int coreOffset) { this.coreOffset = coreOffset; }

		@Override
		public Tensor predict(Tensor in) {
			calls++;
			for (int n = 0; n < in.n(); n++)
				seen.add(new float[] { in.get(n, 0, 0, 0), in.get(n, 1, 0, 0), in.get(n, 0, coreOffset, coreOffset), in.get(n, 1, coreOffset, coreOffset),
						in.get(n, 0, 0, in.w() - 1), in.get(n, 1, in.h() - 1, 0) });
			return in.copy();
		}

		@Override public int sizeMultiple() { return 8; }
		@Override public int halo() { return 20; }
		@Override public int maxBatch() { return 8; }
		@Override public String describe() { return "recording identity"; }
	}

	@Test
	void farCornerOfA50kImage() {
		RandomAccessibleInterval<FloatType> input = coordinates();
		Recording rec = new Recording(24); // halo 20 rounded up to the size multiple 8
		StreamingTiledPredictor p = StreamingTiledPredictor.builder(rec).tileSize(256).batchSize(5).build();
		TileGrid grid = p.grid(input);
		assertEquals(24, grid.halo());
		int core = grid.coreWidth();
		assertTrue(core % 8 == 0 && core <= 256 - 48 && core > 0, "core " + core);
		assertTrue(SIZE * SIZE > Integer.MAX_VALUE);

		long x0 = 49_300, y0 = 49_500;
		RandomAccessibleInterval<FloatType> corner = Views.translate(ArrayImgs.floats(SIZE - x0, SIZE - y0, 2), x0, y0, 0);
		StreamingTiledPredictor.Report report = p.predict(input, corner, Progress.NONE);

		// the tiles: every core origin that is a multiple of the core size and meets the corner
		long firstCol = x0 / core, firstRow = y0 / core, lastCol = (SIZE - 1) / core, lastRow = (SIZE - 1) / core;
		long expectedTiles = (lastCol - firstCol + 1) * (lastRow - firstRow + 1);
		assertEquals(expectedTiles, report.tiles());
		assertEquals(expectedTiles, rec.seen.size());
		assertEquals((expectedTiles + 4) / 5, rec.calls);
		for (int i = 0; i < rec.seen.size(); i++) {
			float[] s = rec.seen.get(i);
			long col = firstCol + i % (lastCol - firstCol + 1), row = firstRow + i / (lastCol - firstCol + 1);
			assertEquals(col * core, (long) s[2], "core x of tile " + i);
			assertEquals(row * core, (long) s[3], "core y of tile " + i);
			assertEquals(col * core - 24, (long) s[0], "input x of tile " + i);
			assertEquals(row * core - 24, (long) s[1], "input y of tile " + i);
			// the tile's far edge, mirrored back into the image where it leaves it: 50,000 + d reads 49,998 − d
			long farX = col * core - 24 + 255, farY = row * core - 24 + 255;
			assertEquals(farX < SIZE ? farX : 2 * (SIZE - 1) - farX, (long) s[4], "far x of tile " + i);
			assertEquals(farY < SIZE ? farY : 2 * (SIZE - 1) - farY, (long) s[5], "far y of tile " + i);
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
		assertEquals(448, g.coreWidth());
		long cols = (side + 447) / 448;
		assertEquals(cols, g.columns());
		assertEquals(Math.multiplyExact(cols, cols), g.count());
		Tile last = g.tile(g.count() - 1);
		assertEquals(cols - 1, last.column());
		assertEquals(cols - 1, last.row());
		assertEquals((cols - 1) * 448, last.coreX());
		assertEquals(side - (cols - 1) * 448, last.coreWidth());
		assertEquals(last.coreX() - 32, last.inputX());
		Tile middle = g.tile(cols * (cols / 2) + 7);
		assertEquals(7 * 448, middle.coreX());
		assertEquals(cols / 2 * 448, middle.coreY());
		// a region near the far corner maps to the right tile rectangle
		TileGrid.TileRange r = g.covering(new FinalInterval(new long[] { side - 1000, side - 10 }, new long[] { side - 1, side - 1 }));
		assertEquals((side - 1000) / 448, r.firstColumn());
		assertEquals(cols - 1, r.lastColumn());
		assertEquals(r.columns() * (r.lastRow() - r.firstRow() + 1), r.count());
	}

	@Test
	void balancedTilesWasteAtMostOneMultiple() {
		// 1000 px with tiles of 512 and halo 32 (core ≤ 448): three cores of 336 instead of 448 + 448 + 104
		TileGrid g = new TileGrid(new FinalInterval(1000, 300), 512, 32, 16, 0);
		assertEquals(3, g.columns());
		assertEquals(336, g.coreWidth());
		assertEquals(400, g.inputWidth());
		assertEquals(1, g.rows());
		assertEquals(304, g.coreHeight());
		assertEquals(1000 - 2 * 336, g.tile(2, 0).coreWidth());
	}
}
