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
