package sc.fiji.convnet.filters;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.process.FloatProcessor;
import sc.fiji.convnet.ij.PlaneConvolution;
import sc.fiji.convnet.tensor.Tensor;

class EdgeFiltersTest {

	private static final Convolution2D CONV = Convolution2D.defaults().threads(2);

	@Test
	void kernelsAreTheBooksThreeByThreeDetectors() {
		assertArrayEquals(new float[] { -1, 0, 1, -1, 0, 1, -1, 0, 1 }, EdgeFilters.vertical().values());
		assertArrayEquals(new float[] { -1, -1, -1, 0, 0, 0, 1, 1, 1 }, EdgeFilters.horizontal().values());
	}

	@Test
	void handComputedCentrePixel() {
		// 1 2 3 / 4 5 6 / 7 8 9: gx = (3−1)+(6−4)+(9−7) = 6, gy = (7+8+9)−(1+2+3) = 18
		FloatProcessor img = new FloatProcessor(3, 3, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		PlaneConvolution.EdgeMaps m = PlaneConvolution.edges(img, CONV.output(OutputSize.VALID));
		assertEquals(1, m.vertical().getWidth());
		assertEquals(6f, m.vertical().getf(0), 0);
		assertEquals(18f, m.horizontal().getf(0), 0);
		assertEquals(Math.sqrt(6 * 6 + 18 * 18), m.magnitude().getf(0), 1e-5);
	}

	@Test
	void risingAndFallingEdgesAreLightAndDark() {
		// a vertical step 0 → 10 between columns 2 and 3 of a 6×4 image
		float[] v = new float[6 * 4];
		for (int y = 0; y < 4; y++) for (int x = 3; x < 6; x++) v[y * 6 + x] = 10;
		FloatProcessor rising = new FloatProcessor(6, 4, v);
		FloatProcessor falling = (FloatProcessor) rising.duplicate();
		falling.multiply(-1);
		falling.add(10);
		PlaneConvolution.EdgeMaps r = PlaneConvolution.edges(rising, CONV), f = PlaneConvolution.edges(falling, CONV);
		float[] expectedRow = { 0, 0, 30, 30, 0, 0 }; // replicate borders: flat at both ends
		for (int y = 0; y < 4; y++)
			for (int x = 0; x < 6; x++) {
				assertEquals(expectedRow[x], r.vertical().getf(x, y), 0, "rising (" + x + "," + y + ")");
				assertEquals(-expectedRow[x], f.vertical().getf(x, y), 0, "falling (" + x + "," + y + ")");
				assertEquals(0, r.horizontal().getf(x, y), 0);
				assertEquals(expectedRow[x], r.magnitude().getf(x, y), 0);
				assertEquals(expectedRow[x], f.magnitude().getf(x, y), 0);
			}
	}

	@Test
	void horizontalIsVerticalOfTheTransposedImage() {
		Random rnd = new Random(2);
		FloatProcessor img = TestImages.randomFloat(rnd, 13, 9);
		FloatProcessor t = (FloatProcessor) img.rotateRight();
		t.flipHorizontal(); // rotateRight + flipHorizontal = transpose
		FloatProcessor gy = PlaneConvolution.apply(CONV, img, EdgeFilters.horizontal()), gxT = PlaneConvolution.apply(CONV, t, EdgeFilters.vertical());
		for (int y = 0; y < 9; y++)
			for (int x = 0; x < 13; x++) assertEquals(gy.getf(x, y), gxT.getf(y, x), 1e-5);
	}

	@Test
	void tensorGradientsAndMagnitudeMatchThePlaneMaps() {
		Random rnd = new Random(9);
		FloatProcessor img = TestImages.randomFloat(rnd, 10, 7);
		Tensor x = new Tensor(((float[]) img.getPixels()).clone(), 1, 1, 7, 10);
		Tensor g = EdgeFilters.gradients(x, CONV);
		Tensor m = EdgeFilters.magnitude(g);
		PlaneConvolution.EdgeMaps maps = PlaneConvolution.edges(img, CONV);
		assertArrayEquals(new int[] { 1, 2, 7, 10 }, g.shape());
		for (int i = 0; i < 70; i++) {
			assertEquals(maps.vertical().getf(i), g.data()[i], 1e-6);
			assertEquals(maps.horizontal().getf(i), g.data()[70 + i], 1e-6);
			assertEquals(maps.magnitude().getf(i), m.data()[i], 1e-6);
		}
		assertThrows(IllegalArgumentException.class, () -> EdgeFilters.magnitude(Tensor.zeros(1, 3, 2, 2)));
	}
}
