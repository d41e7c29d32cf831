package sc.fiji.convnet.filters;

import static org.junit.jupiter.api.Assertions.*;


import org.junit.jupiter.api.Test;

import ij.ImageStack;
import ij.process.FloatProcessor;
import sc.fiji.convnet.ij.KernelImages;
import sc.fiji.convnet.ij.PlaneConvolution;
import sc.fiji.convnet.tensor.Tensor;

class GaborBankTest {

	/** Eqs. 10.6–10.8 evaluated here in double, with y pointing up from the kernel centre. */
	private static double formula(double theta, double omega, double phi, double alpha, double beta, double x, double y) {
		double xr = x * Math.cos(theta) + y * Math.sin(theta);
		double yr = -x * Math.sin(theta) + y * Math.cos(theta);
		return Math.exp(-alpha * xr * xr - beta * yr * yr) * Math.cos(omega * xr + phi);
	}

	@Test
	void kernelFollowsTheFormula() {
		double theta = 0.7, omega = 1.3, phi = 0.4, alpha = 0.08, beta = 0.03;
		for (int size : new int[] { 9, 10 }) {
			Kernel2D k = new GaborFilter(theta, omega, phi, alpha, beta, size).kernel();
			double c = (size - 1) / 2.0;
			for (int[] p : new int[][] { { 0, 0 }, { 4, 4 }, { 1, 7 }, { 8, 2 }, { 6, 5 }, { size - 1, size - 1 } }) {
				int i = p[0], j = p[1];
				assertEquals(formula(theta, omega, phi, alpha, beta, i - c, c - j), k.get(i, j), 1e-6, "size " + size + " at column " + i + ", row " + j);
			}
		}
		// at the centre of an odd kernel G = cos φ; along the middle row for θ = 0, G = e^(−αx²)·cos(ωx + φ)
		Kernel2D k0 = new GaborFilter(0, omega, phi, alpha, beta, 9).kernel();
		assertEquals(Math.cos(phi), k0.get(4, 4), 1e-6);
		for (int i = 0; i < 9; i++)
			assertEquals(Math.exp(-alpha * (i - 4) * (i - 4)) * Math.cos(omega * (i - 4) + phi), k0.get(i, 4), 1e-6);
		// θ = π/2: the wave runs up the middle column (row 0 is the top, y = +4)
		Kernel2D k90 = new GaborFilter(Math.PI / 2, omega, phi, alpha, beta, 9).kernel();
		for (int j = 0; j < 9; j++)
			assertEquals(Math.exp(-alpha * (4 - j) * (4 - j)) * Math.cos(omega * (4 - j) + phi), k90.get(4, j), 1e-6);
	}

	@Test
	void orientationSymmetries() {
		int n = 11;
		double omega = 0.9, alpha = 0.05, beta = 0.02;
		Kernel2D k0 = new GaborFilter(0.3, omega, 0, alpha, beta, n).kernel();
		Kernel2D kPi = new GaborFilter(0.3 + Math.PI, omega, 0, alpha, beta, n).kernel();
		Kernel2D odd = new GaborFilter(0.3, omega, -Math.PI / 2, alpha, beta, n).kernel();
		Kernel2D h = new GaborFilter(0.3 + Math.PI / 2, omega, 0, alpha, beta, n).kernel();
		for (int j = 0; j < n; j++)
			for (int i = 0; i < n; i++) {
				assertEquals(k0.get(i, j), kPi.get(i, j), 1e-6, "θ and θ + π agree for an even kernel");
				assertEquals(k0.get(i, j), k0.get(n - 1 - i, n - 1 - j), 1e-6, "φ = 0 is point symmetric");
				assertEquals(-odd.get(i, j), odd.get(n - 1 - i, n - 1 - j), 1e-6, "φ = −π/2 is antisymmetric");
				// θ + π/2 is the θ kernel turned a quarter anticlockwise
				assertEquals(k0.get(n - 1 - j, i), h.get(i, j), 1e-6, "quarter turn at (" + i + ", " + j + ")");
			}
	}

	@Test
	void bankOrderLabelsAndMontage() {
		GaborBank bank = GaborBank.builder().orientations(GaborBank.evenOrientations(4)).frequencies(0.5, 1.0)
				.phases(0, -Math.PI / 2).alpha(0.1).beta(0.05).size(7).build();
		assertEquals(16, bank.size());
		GaborFilter f = bank.filters().get((0 * 2 + 1) * 4 + 3); // (ω index 0, φ index 1, θ index 3)
		assertEquals(0.5, f.omega());
		assertEquals(-Math.PI / 2, f.phi());
		assertEquals(3 * Math.PI / 4, f.theta(), 1e-12);
		assertEquals("θ=135° ω=0.5 φ=-1.571", f.label());

		int scale = 3, gap = 2, tile = 7 * scale;
		FloatProcessor m = KernelImages.montage(bank, scale, gap);
		assertEquals(4 * tile + 3 * gap, m.getWidth());
		assertEquals(4 * tile + 3 * gap, m.getHeight());
		// filter at row r (ω, φ) and column c (θ): its pixel (i, j) fills a scale×scale block
		for (int idx : new int[] { 0, 7, 13 }) {
			Kernel2D k = bank.kernels().get(idx);
			int x0 = (idx % 4) * (tile + gap), y0 = (idx / 4) * (tile + gap);
			for (int j = 0; j < 7; j++)
				for (int i = 0; i < 7; i++)
					assertEquals(k.get(i, j), m.getf(x0 + i * scale + scale - 1, y0 + j * scale + 1), 0);
		}
		assertEquals(0, m.getf(tile, 0), 0, "gap");
	}

	@Test
	void featureMapsPeakAtTheMatchingOrientation() {
		// a grating with horizontal stripes (wave along y, i.e. θ = π/2) at the filters' frequency
		int w = 64, h = 64;
		double omega = 0.8;
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) v[y * w + x] = (float) Math.cos(omega * y);
		FloatProcessor img = new FloatProcessor(w, h, v);
		GaborBank bank = GaborBank.builder().orientations(GaborBank.evenOrientations(8)).frequencies(omega)
				.alpha(0.05).beta(0.05).size(15).build();
		Convolution2D conv = Convolution2D.defaults().threads(2).output(OutputSize.VALID);
		ImageStack maps = PlaneConvolution.gaborMaps(bank, img, conv);
		assertEquals(8, maps.getSize());
		assertEquals(bank.labels()[3], maps.getSliceLabel(4));
		double[] energy = new double[8];
		for (int f = 0; f < 8; f++) {
			float[] p = (float[]) maps.getPixels(f + 1);
			for (float a : p) energy[f] += a * a;
			// each slice is the single-kernel convolution
			FloatProcessor single = PlaneConvolution.apply(conv, img, bank.kernels().get(f));
			assertArrayEquals((float[]) single.getPixels(), p, 1e-5f);
		}
		int best = 0;
		for (int f = 1; f < 8; f++) if (energy[f] > energy[best]) best = f;
		assertEquals(4, best, "θ = 4·π/8 = π/2 matches horizontal stripes");

		Tensor t = bank.apply(new Tensor(v.clone(), 1, 1, h, w), conv);
		assertArrayEquals(new int[] { 1, 8, 50, 50 }, t.shape());
	}

	@Test
	void badParametersAreExplained() {
		var e = assertThrows(IllegalArgumentException.class, () -> new GaborFilter(0, 1, 0, 0, 0.1, 9));
		assertTrue(e.getMessage().contains("α"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> new GaborFilter(0, 1, 0, 0.1, 0.1, 0));
		assertTrue(e.getMessage().contains("size"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GaborBank.builder().frequencies(1).build());
		assertTrue(e.getMessage().contains("orientations"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> GaborBank.evenOrientations(0));
		assertThrows(IllegalArgumentException.class,
				() -> GaborBank.builder().orientations(0).build().montage(0, 1));
	}
}
