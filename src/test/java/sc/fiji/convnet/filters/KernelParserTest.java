package sc.fiji.convnet.filters;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import ij.plugin.filter.Convolver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ij.KernelImages;

class KernelParserTest {

	@Test
	void readsImageJConvolverText() {
		Kernel2D k = KernelParser.parse("-1 -1 -1 -1 -1\n-1 -1 -1 -1 -1\n-1 -1 24 -1 -1\n-1 -1 -1 -1 -1\n-1 -1 -1 -1 -1\n");
		assertEquals(5, k.width());
		assertEquals(5, k.height());
		assertEquals(24f, k.get(2, 2));
		assertEquals(-1f, k.get(4, 0));
		assertEquals(0, k.sum(), 0);
	}

	@Test
	void acceptsCommasSemicolonsTabsAndWindowsLineEnds() {
		Kernel2D expected = Kernel2D.of(3, 2, 1, 2, 3, 4.5f, -5e-1f, 6);
		assertEquals(expected, KernelParser.parse("1,2,3; 4.5, -5e-1, 6"));
		assertEquals(expected, KernelParser.parse("  1\t2  3\r\n\r\n4.5 -0.5 6\r\n"));
		assertEquals(expected, KernelParser.parse(expected.toText()), "toText reads back");
		assertEquals(Kernel2D.of(4, 1, 1, 2, 3, 4), KernelParser.parse("1 2 3 4"), "one line is one row");
	}

	@Test
	void normalisesLikeImageJ() {
		float[] v = { 1, 2, 1, 2, 4, 2, 1, 2, 1 };
		Kernel2D k = KernelParser.parse("1 2 1\n2 4 2\n1 2 1", true);
		double scale = Convolver.getScale(v);
		for (int i = 0; i < 9; i++) assertEquals(v[i] * scale, k.values()[i], 1e-7);
		assertEquals(1, k.sum(), 1e-6);
		// zero-sum kernels stay as typed
		assertEquals(KernelParser.parse("-1 0 1"), KernelParser.parse("-1 0 1", true));
	}

	@Test
	void takesAKernelFromAnImage() {
		FloatProcessor fp = new FloatProcessor(3, 2, new float[] { 0.5f, -1, 2, 3, 4, 5 });
		assertEquals(Kernel2D.of(3, 2, 0.5f, -1, 2, 3, 4, 5), KernelImages.kernel(fp));
		ByteProcessor bp = new ByteProcessor(2, 2, new byte[] { 1, (byte) 200, 3, 4 });
		Kernel2D k = KernelImages.kernel(bp, true);
		assertEquals(200 / 208.0, k.get(1, 0), 1e-6);
	}

	@Test
	void explainsBadText() {
		var e = assertThrows(IllegalArgumentException.class, () -> KernelParser.parse("1 2 3\n4 5\n"));
		assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("2 values") && e.getMessage().contains("3"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelParser.parse("1 2\n3 x"));
		assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("line 2, column 2"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelParser.parse("   \n"));
		assertTrue(e.getMessage().contains("empty"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelParser.parse(";;\n;"));
		assertTrue(e.getMessage().contains("no numbers"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelParser.parse("1 NaN"));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelImages.kernel(new ColorProcessor(3, 3)));
		assertTrue(e.getMessage().contains("RGB"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Kernel2D.of(2, 2, 1, 2, 3));
		assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("2×2"), e.getMessage());
	}
}
