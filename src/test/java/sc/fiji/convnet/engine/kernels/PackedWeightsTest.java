package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The inference options of {@link ConvKernels#forwardInto}. Weights kept packed between calls ({@link PackedWeights})
 * give the double-precision reference's outputs on each vector path that packs (small planes, 1×1 as a matrix product
 * along the pixels, the direct row kernels): on the call that packs, identically on a later call that reuses the
 * packing, and after the layer is handed another weight array (a packing kept for the first array would fail that).
 * An output placed in a larger array (a concatenation's channels) is the plain output, and nothing outside its range
 * is written.
 */
class PackedWeightsTest {

	/** n, cin, h, w, cout, kernel, stride, padding. */
	private static final int[][] CASES = {
			{ 1, 512, 13, 13, 100, 1, 1, 0 }, // 1×1 on a small plane: the matrix product along the pixels once kept
			{ 1, 260, 14, 14, 130, 1, 2, 0 }, // 1×1 stride 2: small planes
			{ 2, 48, 13, 13, 96, 3, 1, 1 }, // small planes, 3×3, batch
			{ 1, 40, 40, 40, 44, 1, 1, 0 }, // 1×1 on a larger plane: blocks of 8 and 4 channels
			{ 1, 16, 40, 40, 20, 3, 1, 1 }, // direct rows
			{ 1, 3, 50, 50, 64, 3, 2, 0 }, // direct rows, stride 2 on RGB
	};

	private static ConvKernels vector() {
		Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "jdk.incubator.vector absent");
		ConvKernels v = Kernels.vector();
		assertNotNull(v);
		return v;
	}

	private static ConvGeometry geometry(int[] c) {
		return new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[5], c[6], c[6], 1, 1, c[7], c[7], c[7], c[7], 1);
	}

	@Test
	void placedOutputsEqualPlainOnesOnEveryPath() {
		for (ConvKernels k : new ConvKernels[] { vector(), new ScalarConvKernels() })
			for (int i = 0; i < CASES.length; i++)
				for (boolean keep : new boolean[] { false, true }) {
					int[] c = CASES[i].clone();
					c[0] = 1; // one image
					ConvGeometry g = geometry(c);
					Random r = new Random(7500 + i);
					float[] x = ConvTestData.random(r, g.inputSize()), w = ConvTestData.random(r, g.weightSize()), b = ConvTestData.random(r, g.cout);
					int size = (int) g.outputSize(), before = 3 * g.oh * g.ow, after = 2 * g.oh * g.ow;
					float[] plain = ConvTestData.nans(size), whole = ConvTestData.nans(before + size + after);
					k.forwardInto(g, x, w, b, plain, 0, 2, true, keep ? new PackedWeights() : null);
					k.forwardInto(g, x, w, b, whole, before, 2, true, keep ? new PackedWeights() : null);
					String what = k.name() + (keep ? " kept weights " : " ") + g;
					assertArrayEquals(plain, java.util.Arrays.copyOfRange(whole, before, before + size), 0f, what);
					for (int j = 0; j < whole.length; j++)
						if (j < before || j >= before + size) assertTrue(Float.isNaN(whole[j]), what + " wrote outside at " + j);
				}
	}

	@Test
	void keptPackingIsRightOnEveryCall() {
		ConvKernels v = vector();
		for (int i = 0; i < CASES.length; i++) {
			ConvGeometry g = geometry(CASES[i]);
			Random r = new Random(7400 + i);
			float[] x = ConvTestData.random(r, g.inputSize()), b = ConvTestData.random(r, g.cout);
			float[] w = ConvTestData.random(r, g.weightSize()), other = ConvTestData.random(r, g.weightSize());
			PackedWeights packed = new PackedWeights();
			float[] previous = null, previousWeights = null;
			for (float[] weights : new float[][] { w, w, other, other }) {
				float[] expected = new float[(int) g.outputSize()], bound = new float[expected.length], kept = ConvTestData.nans(g.outputSize());
				ConvTestData.REFERENCE.forward(g, x, weights, b, expected, 1);
				ConvTestData.REFERENCE.forward(g, ConvTestData.abs(x), ConvTestData.abs(weights), ConvTestData.abs(b), bound, 1);
				v.forwardInto(g, x, weights, b, kept, 0, 2, false, packed);
				String what = weights == w ? "first weights" : "other weights";
				ConvTestData.assertClose("kept packing, " + what, g, expected, bound, kept);
				if (weights == previousWeights) assertArrayEquals(previous, kept, 0f, g + " " + what + ": the call that packs and the next");
				previous = kept;
				previousWeights = weights;
			}
		}
	}
}
