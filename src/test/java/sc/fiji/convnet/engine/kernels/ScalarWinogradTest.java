package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The Winograd path of the scalar kernels against the double-precision reference: odd and even sizes (tiles cut at the
 * last row and column), every padding a 3×3 layer can have, channel counts that do not fill a block of three inputs or
 * sixteen outputs, groups, several images and threads, bands of several tile rows, and the input gradient (which runs
 * the same path on the transposed weights).
 */
class ScalarWinogradTest {

	private final ConvKernels scalar = new ScalarConvKernels();

	private static ConvGeometry same3x3(int n, int cin, int h, int w, int cout, int groups) {
		return new ConvGeometry(n, cin, h, w, cout, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, groups);
	}

	@Test
	void choosesOnlyUndilatedStrideOne3x3WithChannels() {
		assertTrue(ScalarWinograd.applies(same3x3(1, 16, 8, 8, 16, 1)));
		assertFalse(ScalarWinograd.applies(same3x3(1, 15, 8, 8, 16, 1)), "too few input channels");
		assertFalse(ScalarWinograd.applies(same3x3(1, 16, 8, 8, 15, 1)), "too few output channels");
		assertFalse(ScalarWinograd.applies(same3x3(1, 32, 8, 8, 32, 4)), "eight channels per group");
		assertFalse(ScalarWinograd.applies(new ConvGeometry(1, 8, 8, 8, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1)), "stride");
		assertFalse(ScalarWinograd.applies(new ConvGeometry(1, 8, 8, 8, 8, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1)), "dilation");
		assertFalse(ScalarWinograd.applies(new ConvGeometry(1, 8, 8, 8, 8, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2, 1)), "5×5");
	}

	@Test
	void agreesWithReferenceOnChosenShapes() {
		List<ConvGeometry> cases = List.of(
				same3x3(1, 16, 8, 8, 16, 1), // fewest channels, even size
				same3x3(2, 17, 9, 7, 18, 1), // odd sizes: cut tiles at the bottom and right
				same3x3(1, 16, 2, 2, 17, 1), // one tile; 17 outputs = a block of 16 and one
				same3x3(1, 32, 17, 33, 20, 1), // 32 inputs = ten passes of three and two
				same3x3(1, 32, 11, 13, 38, 2), // groups of 16 and 19
				same3x3(3, 16, 64, 5, 16, 1), // narrow and tall: bands of many tile rows
				same3x3(1, 16, 5, 300, 16, 1), // a long tile row
				same3x3(1, 40, 6, 6, 70, 1), // a small plane: the threads share the output channels
				new ConvGeometry(1, 16, 10, 10, 17, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1), // valid (no padding)
				new ConvGeometry(1, 18, 9, 8, 16, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 1), // padding 2: the output larger than the input
				new ConvGeometry(1, 16, 7, 12, 20, 3, 3, 1, 1, 1, 1, 0, 2, 1, 0, 1), // asymmetric padding
				new ConvGeometry(2, 19, 6, 6, 16, 3, 3, 1, 1, 1, 1, 1, 0, 2, 1, 1)); // another
		for (int i = 0; i < cases.size(); i++) {
			assertTrue(ScalarWinograd.applies(cases.get(i)), cases.get(i).toString());
			ConvTestData.checkAgainstReference(scalar, cases.get(i), 5000 + i, 1, i % 2 == 0);
			ConvTestData.checkAgainstReference(scalar, cases.get(i), 6000 + i, 3, i % 2 == 1);
		}
	}

	@Test
	void agreesWithReferenceOnRandomShapes() {
		Random r = new Random(91);
		for (int i = 0; i < 40; i++) {
			int groups = 1 + r.nextInt(2);
			int cinG = 16 + r.nextInt(9), coutG = 16 + r.nextInt(21);
			int pt = r.nextInt(3), pl = r.nextInt(3), pb = r.nextInt(3), pr = r.nextInt(3);
			int h = Math.max(1, 3 - pt - pb) + 1 + r.nextInt(20), w = Math.max(1, 3 - pl - pr) + 1 + r.nextInt(40);
			ConvGeometry g = new ConvGeometry(1 + r.nextInt(2), groups * cinG, h, w, groups * coutG, 3, 3, 1, 1, 1, 1,
					pt, pl, pb, pr, groups);
			if (!ScalarWinograd.applies(g)) continue;
			ConvTestData.checkAgainstReference(scalar, g, 7000 + i, 1 + r.nextInt(3), r.nextBoolean());
		}
	}

	/** Values around 10⁴ with weights around 10⁻²: the transforms must not lose the small terms. */
	@Test
	void keepsPrecisionOnLargeInputs() {
		ConvGeometry g = same3x3(1, 16, 12, 12, 16, 1);
		Random r = new Random(3);
		float[] x = new float[(int) g.inputSize()], w = new float[(int) g.weightSize()];
		for (int i = 0; i < x.length; i++) x[i] = 10000f + 100f * (float) r.nextGaussian();
		for (int i = 0; i < w.length; i++) w[i] = 0.01f * (float) r.nextGaussian();
		float[] y = new float[(int) g.outputSize()], yRef = new float[y.length], bound = new float[y.length];
		scalar.forward(g, x, w, null, y, 2);
		ConvTestData.REFERENCE.forward(g, x, w, null, yRef, 1);
		ConvTestData.REFERENCE.forward(g, ConvTestData.abs(x), ConvTestData.abs(w), null, bound, 1);
		ConvTestData.assertClose("winograd forward, large inputs", g, yRef, bound, y);
	}
}
