package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The small-plane matrix product ({@link VectorSmallPlanes}) against the double-precision reference, on shapes it
 * takes: 1×1 and 3×3, with and without padding, strides, dilation, batches, channel counts that are not multiples of
 * the vector width (a last block of one vector, zero-padded channels), pixel counts that are not multiples of the
 * micro-kernel's 8, and more taps than one weight tile. The input gradient goes through it too where the transposed
 * geometry qualifies.
 */
class VectorSmallPlanesTest {

	private static ConvKernels vector() {
		Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "jdk.incubator.vector absent");
		ConvKernels v = Kernels.vector();
		assertNotNull(v, "module present but the vector kernels did not load");
		return v;
	}

	/** n, cin, h, w, cout, kernel, stride, padding (all sides), dilation. */
	private static final int[][] CASES = {
			{ 1, 256, 7, 7, 128, 1, 1, 0, 1 }, // 1×1, four blocks of two vectors, 49 pixels
			{ 1, 300, 5, 9, 141, 1, 1, 0, 1 }, // last block one vector, 3 channels zero-padded; three weight tiles
			{ 2, 20, 4, 4, 144, 1, 1, 0, 1 }, // batch of two, blocks of two vectors and one
			{ 1, 260, 14, 14, 130, 1, 2, 0, 1 }, // 1×1 stride 2
			{ 1, 256, 7, 7, 288, 1, 1, 0, 1 }, // its input gradient qualifies too
			{ 1, 400, 5, 5, 129, 1, 1, 0, 1 }, // four weight tiles
			{ 1, 64, 7, 7, 76, 3, 1, 1, 1 }, // 3×3 'same', 76 channels: blocks of 32, 32 and 16 (4 zero-padded)
			{ 1, 29, 8, 8, 64, 3, 1, 1, 1 }, // 261 taps
			{ 2, 30, 13, 13, 83, 3, 2, 1, 1 }, // 3×3 stride 2, batch
			{ 1, 32, 6, 11, 80, 3, 1, 0, 1 }, // no padding, 4×9 output
			{ 1, 30, 9, 9, 84, 3, 1, 2, 2 }, // dilation 2
			{ 1, 40, 6, 6, 88, 3, 1, 1, 1 }, // 360 taps: tiles of 128, 128, 104
			{ 1, 64, 1, 1, 70, 3, 1, 1, 1 }, // a single pixel
			{ 1, 16, 27, 27, 128, 1, 1, 0, 1 }, // 729 pixels, 16 taps
			{ 1, 2, 28, 28, 65, 3, 1, 1, 1 }, // 18 taps, 65 channels: a last block of one channel
			{ 1, 500, 18, 18, 64, 3, 1, 1, 1 }, // patches in two bands
			{ 2, 3, 51, 49, 64, 7, 2, 3, 1 }, // 7×7 stride 2 on RGB, batch
	};

	private static ConvGeometry geometry(int[] c) {
		return new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[5], c[6], c[6], c[8], c[8], c[7], c[7], c[7], c[7], 1);
	}

	@Test
	void takesTheCasesBelow() {
		Assumptions.assumeTrue(vector() != null && VectorConvKernels.L <= 16, "vector width above 16");
		for (int[] c : CASES) assertTrue(VectorSmallPlanes.applies(geometry(c)), geometry(c).toString());
		assertTrue(VectorSmallPlanes.applies(ConvWeights.transposed(geometry(CASES[4]))));
		assertTrue(VectorSmallPlanes.applies(ConvWeights.transposed(geometry(CASES[6]))));
	}

	@Test
	void agreesWithReference() {
		ConvKernels v = vector();
		for (int i = 0; i < CASES.length; i++) ConvTestData.checkAgainstReference(v, geometry(CASES[i]), 7100 + i, 1 + i % 3, i % 2 == 0);
	}

	@Test
	void asymmetricPaddingAgreesWithReference() {
		ConvKernels v = vector();
		ConvGeometry g = new ConvGeometry(1, 30, 7, 6, 79, 3, 3, 1, 1, 1, 1, 1, 0, 0, 2, 1);
		assertTrue(VectorSmallPlanes.applies(g) || VectorConvKernels.L > 16);
		ConvTestData.checkAgainstReference(v, g, 7300, 2, true);
	}

	@Test
	void fusedReluClipsExactlyTheOutput() {
		ConvKernels v = vector();
		for (int i = 0; i < CASES.length; i++) {
			ConvGeometry g = geometry(CASES[i]);
			Random r = new Random(7200 + i);
			float[] x = ConvTestData.random(r, g.inputSize()), w = ConvTestData.random(r, g.weightSize()), b = ConvTestData.random(r, g.cout);
			float[] plain = ConvTestData.nans(g.outputSize()), fused = ConvTestData.nans(g.outputSize());
			v.forward(g, x, w, b, plain, 2);
			v.forward(g, x, w, b, fused, 2, true);
			for (int k = 0; k < plain.length; k++) assertEquals(Math.max(0f, plain[k]), fused[k], 0f, g + " element " + k);
		}
	}
}
