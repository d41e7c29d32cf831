package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The jdk.incubator.vector kernels against the double-precision reference. Surefire runs with
 * --add-modules jdk.incubator.vector, so the vector path is covered; without the module the tests are skipped.
 */
class VectorConvKernelsTest {

	private static ConvKernels vector() {
		Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "jdk.incubator.vector absent");
		ConvKernels v = Kernels.vector();
		assertNotNull(v, "module present but the vector kernels did not load");
		return v;
	}

	@Test
	void areChosenWhenTheModuleIsPresent() {
		ConvKernels v = vector();
		assertTrue(Kernels.vectorActive() || "scalar".equals(System.getProperty("convnet.kernels")));
		assertTrue(v.name().startsWith("vector("), v.name());
	}

	@Test
	void agreeWithReferenceOnOneThread() {
		ConvKernels v = vector();
		List<ConvGeometry> all = ConvTestData.geometries(80, 41);
		for (int i = 0; i < all.size(); i++) ConvTestData.checkAgainstReference(v, all.get(i), 3000 + i, 1, i % 2 == 0);
	}

	@Test
	void agreeWithReferenceOnSeveralThreads() {
		ConvKernels v = vector();
		List<ConvGeometry> all = ConvTestData.geometries(40, 43);
		for (int i = 0; i < all.size(); i++) ConvTestData.checkAgainstReference(v, all.get(i), 4000 + i, 3, i % 2 == 1);
	}

	@Test
	void pointwiseConvolutionsAgreeWithReference() {
		// 1×1 without padding runs as a matrix product over the flattened plane (VectorPointwise): planes around
		// multiples of 16 and 48 pixels, strides, groups, and channel counts that need blocks of 8, 4 and 1
		ConvKernels v = vector();
		int[][] cases = { // n, cin, h, w, cout, stride, groups
				{ 1, 3, 7, 7, 13, 1, 1 }, { 2, 5, 4, 4, 8, 1, 1 }, { 1, 9, 7, 7, 70, 1, 1 }, { 1, 4, 14, 14, 6, 2, 1 },
				{ 2, 6, 9, 13, 10, 2, 2 }, { 1, 6, 5, 11, 6, 1, 6 }, { 1, 16, 8, 6, 17, 1, 1 }, { 1, 2, 1, 1, 3, 1, 1 },
				{ 1, 70, 10, 10, 9, 3, 1 } };
		for (int i = 0; i < cases.length; i++) {
			int[] c = cases[i];
			ConvGeometry g = new ConvGeometry(c[0], c[1], c[2], c[3], c[4], 1, 1, c[5], c[5], 1, 1, 0, 0, 0, 0, c[6]);
			assertTrue(VectorPointwise.applies(g));
			ConvTestData.checkAgainstReference(v, g, 5200 + i, 1 + i % 3, i % 2 == 0);
		}
	}

	@Test
	void weightGradientByChannelAgreesWithReference() {
		// groups of at least two vectors of output channels take VectorWeightGradientByChannel: channel counts
		// past whole blocks, tap counts past whole blocks of 12, odd widths, strides, dilation, groups, batches,
		// tall narrow planes (bands of many rows) and wide ones (bands of one row)
		ConvKernels v = vector();
		int[][] cases = { // n, cin, h, w, cout, kh, kw, strideH, strideW, dilation, pad, groups
				{ 1, 3, 9, 11, 32, 3, 3, 1, 1, 1, 1, 1 }, { 2, 5, 8, 13, 45, 3, 3, 1, 1, 1, 1, 1 },
				{ 1, 4, 13, 17, 33, 3, 3, 2, 2, 1, 1, 1 }, { 1, 2, 15, 14, 40, 3, 3, 1, 1, 2, 2, 1 },
				{ 2, 6, 7, 9, 64, 3, 3, 1, 1, 1, 1, 2 }, { 1, 1, 40, 37, 70, 5, 5, 1, 1, 1, 2, 1 },
				{ 3, 3, 70, 3, 32, 3, 3, 1, 1, 1, 1, 1 }, { 1, 2, 3, 2100, 36, 3, 3, 1, 1, 1, 1, 1 },
				{ 2, 7, 12, 10, 96, 2, 3, 2, 1, 1, 0, 1 }, { 1, 9, 6, 7, 34, 1, 3, 1, 3, 1, 1, 1 } };
		for (int i = 0; i < cases.length; i++) {
			int[] c = cases[i];
			ConvGeometry g = new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[9], c[10], c[10],
					c[10], c[10], c[11]);
			if (VectorConvKernels.L >= 16) assertTrue(VectorWeightGradientByChannel.applies(g), g.toString());
			ConvTestData.checkAgainstReference(v, g, 5300 + i, 1 + i % 3, i % 2 == 0);
		}
	}

	@Test
	void fusedReluClipsExactlyTheOutput() {
		// the vector kernels clip rows and column tiles as they write them; the default clips afterwards
		ConvKernels v = vector();
		List<ConvGeometry> all = ConvTestData.geometries(10, 47);
		all.add(new ConvGeometry(1, 9, 7, 7, 70, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1)); // pointwise
		all.add(new ConvGeometry(2, 6, 9, 13, 10, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0, 2));
		all.add(new ConvGeometry(1, 150, 7, 7, 20, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1)); // many input channels
		for (int i = 0; i < all.size(); i++) {
			ConvGeometry g = all.get(i);
			java.util.Random r = new java.util.Random(6000 + i);
			float[] x = ConvTestData.random(r, g.inputSize()), w = ConvTestData.random(r, g.weightSize()), b = ConvTestData.random(r, g.cout);
			float[] plain = new float[(int) g.outputSize()], fused = ConvTestData.nans(g.outputSize());
			v.forward(g, x, w, b, plain, 2);
			v.forward(g, x, w, b, fused, 2, true);
			for (int k = 0; k < plain.length; k++) assertEquals(Math.max(0f, plain[k]), fused[k], 0f, g + " element " + k);
		}
	}

	@Test
	void wideRowsUseFullVectorBlocksAndTails() {
		// widths around multiples of 16 and 64 lanes exercise the 4-vector blocks, single vectors and partial stores
		ConvKernels v = vector();
		int[] widths = { 15, 16, 17, 63, 64, 65, 70, 130 };
		for (int i = 0; i < widths.length; i++) {
			ConvGeometry g = new ConvGeometry(2, 3, 5, widths[i], 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
			ConvTestData.checkAgainstReference(v, g, 5000 + i, 2, true);
			ConvGeometry s = new ConvGeometry(1, 2, 7, widths[i], 5, 3, 3, 2, 2, 1, 2, 1, 2, 0, 1, 1);
			ConvTestData.checkAgainstReference(v, s, 5100 + i, 2, false);
		}
	}

	@Test
	void transposedGeometryIsUsedOnlyWhereItExists() {
		ConvGeometry same = new ConvGeometry(1, 2, 8, 8, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
		ConvGeometry t = VectorConvKernels.transposed(same);
		assertEquals(8, t.oh);
		assertEquals(8, t.ow);
		assertEquals(same.cin, t.cout);
		assertNull(VectorConvKernels.transposed(new ConvGeometry(1, 2, 8, 8, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1)));
		assertNull(VectorConvKernels.transposed(new ConvGeometry(1, 2, 8, 8, 3, 3, 3, 1, 1, 1, 1, 4, 0, 0, 0, 1))); // pad > kernel − 1
	}
}
