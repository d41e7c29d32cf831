package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Weights kept packed between calls ({@link PackedWeights}) give exactly the outputs of weights packed on every call,
 * on each vector path that packs (small planes, 1×1 as a matrix product, the direct row kernels): on the call that
 * packs, on a later call that reuses the packing, and after the layer is handed another weight array.
 */
class PackedWeightsTest {

	/** n, cin, h, w, cout, kernel, stride, padding. */
	private static final int[][] CASES = {
			{ 1, 512, 13, 13, 100, 1, 1, 0 }, // small planes, 1×1, four weight tiles
			{ 2, 48, 13, 13, 96, 3, 1, 1 }, // small planes, 3×3, batch
			{ 1, 40, 40, 40, 44, 1, 1, 0 }, // 1×1 on a larger plane: blocks of 8 and 4 channels
			{ 1, 16, 40, 40, 20, 3, 1, 1 }, // direct rows
			{ 1, 3, 50, 50, 64, 3, 2, 0 }, // direct rows, stride 2 on RGB
	};

	@Test
	void keptPackingGivesTheSameOutputs() {
		Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "jdk.incubator.vector absent");
		ConvKernels v = Kernels.vector();
		assertNotNull(v);
		for (int i = 0; i < CASES.length; i++) {
			int[] c = CASES[i];
			ConvGeometry g = new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[5], c[6], c[6], 1, 1, c[7], c[7], c[7], c[7], 1);
			Random r = new Random(7400 + i);
			float[] x = ConvTestData.random(r, g.inputSize()), b = ConvTestData.random(r, g.cout);
			float[] w = ConvTestData.random(r, g.weightSize()), other = ConvTestData.random(r, g.weightSize());
			PackedWeights packed = new PackedWeights();
			for (float[] weights : new float[][] { w, w, other, other }) {
				float[] expected = ConvTestData.nans(g.outputSize()), kept = ConvTestData.nans(g.outputSize());
				v.forward(g, x, weights, b, expected, 2, true);
				v.forward(g, x, weights, b, kept, 2, true, packed);
				assertArrayEquals(expected, kept, 0f, g + (weights == w ? " first weights" : " other weights"));
			}
		}
	}
}
