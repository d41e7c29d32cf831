package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.imglib2.FinalInterval;

/**
 * The grid's rule, checked exhaustively on small extents against its definition: windows of one size on the
 * model's pooling grid inside the padded image, cores that partition the image, at least a halo of context
 * between tiles and none needed at the border, one tile when the image fits, never a larger tile than asked.
 */
class TileGridTest {

	/** Checks one axis of a grid (x when {@code alongX}) against the rule. */
	private static void checkAxis(TileGrid g, long extent, int halo, int m, int edge, int fixed, boolean alongX) {
		long padded = (extent + m - 1) / m * m;
		long n = alongX ? g.columns() : g.rows();
		int input = alongX ? g.inputWidth() : g.inputHeight();
		String where = "extent " + extent + ", halo " + halo + ", multiple " + m + ", edge " + edge + ", fixed " + fixed + ": " + g;
		if (fixed > 0) assertEquals(fixed, input, where);
		else assertTrue(input <= Math.max(edge, 0) || n == 1, "tile larger than asked, " + where);
		assertEquals(0, input % m, where);
		if (fixed == 0 && padded <= edge) {
			assertEquals(1, n, "fits in one tile, " + where);
			assertEquals(padded, input, "one tile is the padded image, " + where);
		}
		long expectedStart = 0;
		for (long i = 0; i < n; i++) {
			Tile t = alongX ? g.tile(i, 0) : g.tile(0, i);
			long s = alongX ? t.inputX() : t.inputY(), c0 = alongX ? t.coreX() : t.coreY();
			int cw = alongX ? t.coreWidth() : t.coreHeight();
			assertEquals(expectedStart, c0, "cores must tile the image without gaps, " + where);
			assertTrue(cw > 0, "empty core " + i + ", " + where);
			expectedStart = c0 + cw;
			assertEquals(0, s % m, "window " + i + " off the pooling grid, " + where);
			assertTrue(s >= 0 && (s + input <= padded || n == 1), "window " + i + " leaves the padded image, " + where);
			// context: at least a halo on each side unless the window stops at the image border (where the whole pass stops too)
			if (s > 0) assertTrue(c0 - s >= halo, "left context " + (c0 - s) + " of tile " + i + ", " + where);
			if (s + input < padded) assertTrue(s + input - (c0 + cw) >= halo, "right context of tile " + i + ", " + where);
		}
		assertEquals(extent, expectedStart, where);
	}

	@Test
	void maxEdgeGridsFollowTheRule() {
		for (int m : new int[] { 1, 4, 8 })
			for (int halo : new int[] { 0, 1, 5, 16 }) {
				int h = (halo + m - 1) / m * m;
				for (int edge : new int[] { 2 * h + m, 2 * h + 3 * m, 64, 100, 257 }) {
					if (edge < 2 * h + m) continue;
					for (long extent = 1; extent <= 400; extent++) {
						TileGrid g = new TileGrid(new FinalInterval(extent, 3), edge, halo, m, 0);
						assertEquals(h, g.halo());
						checkAxis(g, extent, h, m, edge / m * m, 0, true);
					}
				}
			}
	}

	@Test
	void fixedSizeGridsFollowTheRule() {
		for (int m : new int[] { 1, 8 })
			for (int fixed : new int[] { 64, 96 })
				for (int halo : new int[] { 0, 8, 24 })
					for (long extent = 1; extent <= 400; extent++)
						checkAxis(new TileGrid(new FinalInterval(5, extent), 512, halo, m, fixed), extent, halo, m, fixed, fixed, false);
	}

	@Test
	void pixelBudgetGridsFollowTheRuleAndComputeTheFewestPixels() {
		int m = 8, halo = 48;
		for (long w = 8; w <= 5000; w += 373)
			for (long h = 8; h <= 5000; h += 409) {
				long budget = 1024L * 1024;
				TileGrid g = TileGrid.withinPixels(new FinalInterval(w, h), budget, halo, m, 0);
				assertTrue((long) g.inputWidth() * g.inputHeight() <= budget || g.count() == 1 && roundUp(w, m) * roundUp(h, m) <= budget, g.toString());
				checkAxis(g, w, halo, m, g.columns() == 1 ? Integer.MAX_VALUE : g.inputWidth(), 0, true);
				checkAxis(g, h, halo, m, g.rows() == 1 ? Integer.MAX_VALUE : g.inputHeight(), 0, false);
				// no square grid of at most the budget computes fewer pixels
				int square = (int) Math.sqrt(budget) / m * m;
				TileGrid sq = new TileGrid(new FinalInterval(w, h), square, halo, m, 0);
				assertTrue(g.inputPixels() <= sq.inputPixels(), g + " computes more than " + sq);
			}
	}

	@Test
	void imageWithinTheBudgetIsOneTileWithoutHalo() {
		TileGrid g = TileGrid.withinPixels(new FinalInterval(2048, 2048), TileGrid.DEFAULT_TILE_PIXELS, 48, 8, 0);
		assertEquals(1, g.count());
		assertEquals(2048, g.inputWidth());
		Tile t = g.tile(0);
		assertEquals(0, t.inputX());
		assertEquals(2048, t.coreWidth());
		// a strip of the same area is one long tile too
		TileGrid strip = TileGrid.withinPixels(new FinalInterval(8190, 500), TileGrid.DEFAULT_TILE_PIXELS, 48, 8, 0);
		assertEquals(1, strip.count(), strip.toString());
		assertEquals(8192, strip.inputWidth());
		assertEquals(504, strip.inputHeight());
		// 3072²: three full-width rows of 3072 × 1088 (3·1088 − 2·2·48 = 3072) compute 10,027,008 pixels,
		// fewer than 2 × 2 tiles of 1584² (10,036,224)
		TileGrid big = TileGrid.withinPixels(new FinalInterval(3072, 3072), TileGrid.DEFAULT_TILE_PIXELS, 48, 8, 0);
		assertEquals(1, big.columns(), big.toString());
		assertEquals(3, big.rows(), big.toString());
		assertEquals(1088, big.inputHeight());
		assertEquals(992, big.tile(0, 1).inputY()); // (3072 − 1088) / 2
		assertEquals((0 + 992 + 1088) / 2, big.tile(0, 0).coreHeight()); // the middle of the overlap [992, 1088)
		assertEquals(1984, big.tile(0, 2).inputY());
		// with square tiles of at most 2048 the same image is 2 × 2 tiles of 1584²
		TileGrid square = new TileGrid(new FinalInterval(3072, 3072), 2048, 48, 8, 0);
		assertEquals(4, square.count(), square.toString());
		assertEquals(1584, square.inputWidth());
		assertEquals(3072 - 1584, square.tile(1, 1).inputX());
		assertEquals((0 + 1488 + 1584) / 2, square.tile(0, 0).coreWidth());
	}

	@Test
	void coveringFindsTheTilesWhoseCoresMeetARegion() {
		TileGrid g = new TileGrid(new FinalInterval(new long[] { 100, 200 }, new long[] { 1099, 899 }), 128, 16, 8, 0);
		for (long x = 100; x < 1100; x += 7) {
			TileGrid.TileRange r = g.covering(new FinalInterval(new long[] { x, 200 }, new long[] { x, 200 }));
			Tile t = g.tile(r.firstColumn(), 0);
			assertTrue(t.coreX() <= x && x < t.coreX() + t.coreWidth(), "x " + x + " in " + t);
		}
		assertThrows(IllegalArgumentException.class, () -> g.covering(new FinalInterval(new long[] { 99, 200 }, new long[] { 200, 300 })));
	}

	@Test
	void tooSmallATileForTheHaloIsNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TileGrid(new FinalInterval(500, 500), 64, 32, 8, 0));
		assertTrue(e.getMessage().contains("halo of 32") && e.getMessage().contains("64"), e.getMessage());
		// but an image that fits needs no halo
		assertEquals(1, new TileGrid(new FinalInterval(60, 60), 64, 32, 8, 0).count());
	}

	private static long roundUp(long v, int m) { return (v + m - 1) / m * m; }
}
