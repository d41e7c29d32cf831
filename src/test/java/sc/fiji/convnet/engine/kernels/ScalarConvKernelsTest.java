package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The plain-Java kernels against the double-precision reference on hand-picked and random geometries. */
class ScalarConvKernelsTest {

	private final ConvKernels scalar = new ScalarConvKernels();

	@Test
	void agreesWithReferenceOnOneThread() {
		List<ConvGeometry> all = ConvTestData.geometries(60, 17);
		for (int i = 0; i < all.size(); i++) ConvTestData.checkAgainstReference(scalar, all.get(i), 1000 + i, 1, i % 2 == 0);
	}

	@Test
	void agreesWithReferenceOnSeveralThreads() {
		// three threads on two cores: task splitting must not change results
		List<ConvGeometry> all = ConvTestData.geometries(40, 29);
		for (int i = 0; i < all.size(); i++) ConvTestData.checkAgainstReference(scalar, all.get(i), 2000 + i, 3, i % 2 == 1);
	}

	/**
	 * Rows long enough for the JIT's vector loops, bands of several short output rows (with a shorter last band
	 * and rows in the padding), channel counts that do not fill a block, strides, dilations and 1×1 kernels.
	 */
	@Test
	void agreesWithReferenceOnWideRowsAndBands() {
		List<ConvGeometry> cases = List.of(
				new ConvGeometry(1, 3, 7, 300, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), // one row per band
				new ConvGeometry(2, 4, 19, 70, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), // bands of 7 rows, 19 = 2·7 + 5
				new ConvGeometry(1, 4, 23, 45, 6, 3, 3, 2, 2, 2, 1, 2, 1, 0, 3, 2), // stride, dilation, groups
				new ConvGeometry(1, 5, 9, 130, 3, 3, 3, 1, 1, 1, 2, 0, 2, 3, 2, 1), // rows past the bottom edge
				new ConvGeometry(1, 2, 12, 601, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), // rows longer than a band
				new ConvGeometry(1, 3, 11, 40, 5, 3, 5, 1, 1, 1, 1, 1, 2, 1, 2, 1), // 5 columns (3 + 2 per pass)
				new ConvGeometry(2, 6, 9, 150, 7, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1), // 1×1
				new ConvGeometry(1, 4, 10, 61, 5, 1, 1, 2, 3, 1, 1, 1, 0, 0, 2, 1), // 1×1 strided, padded
				new ConvGeometry(1, 16, 6, 33, 37, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)); // more channels than a block
		for (int i = 0; i < cases.size(); i++) {
			ConvTestData.checkAgainstReference(scalar, cases.get(i), 3000 + i, 1, i % 2 == 0);
			ConvTestData.checkAgainstReference(scalar, cases.get(i), 4000 + i, 3, i % 2 == 1);
		}
	}

	@Test
	void wrongArrayLengthNamesOpAndShape() {
		ConvGeometry g = new ConvGeometry(1, 2, 5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> scalar.forward(g, new float[49], new float[(int) g.weightSize()], null, new float[(int) g.outputSize()], 1));
		assertTrue(e.getMessage().contains("forward") && e.getMessage().contains("2×5×5"), e.getMessage());
	}

	@Test
	void bestKernelsAreNotTheReference() {
		assertTrue(!"reference".equals(Kernels.best().name()));
		assertEquals(Kernels.vectorActive(), Kernels.best().name().startsWith("vector"));
	}
}
