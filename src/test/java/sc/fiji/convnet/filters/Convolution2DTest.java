package sc.fiji.convnet.filters;

import sc.fiji.convnet.engine.kernels.PaddingMode;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ij.ImageStack;
import ij.plugin.filter.Convolver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import sc.fiji.convnet.ij.PlaneConvolution;
import sc.fiji.convnet.tensor.Tensor;

class Convolution2DTest {

	private static final Convolution2D IMAGEJ_LIKE = Convolution2D.defaults().threads(2);

	/** ImageJ's Convolver on a copy of {@code ip} (as 32-bit), kernel not normalised unless asked. */
	private static FloatProcessor imagej(ImageProcessor ip, Kernel2D k, boolean normalize) {
		FloatProcessor fp = (FloatProcessor) ip.convertToFloat().duplicate();
		Convolver cv = new Convolver();
		cv.setNormalize(normalize);
		assertTrue(cv.convolve(fp, k.values(), k.width(), k.height()), "Convolver refused the kernel");
		return fp;
	}

	private static void assertClose(FloatProcessor expected, FloatProcessor actual, double tol) {
		assertEquals(expected.getWidth(), actual.getWidth(), "width");
		assertEquals(expected.getHeight(), actual.getHeight(), "height");
		float[] e = (float[]) expected.getPixels(), a = (float[]) actual.getPixels();
		for (int i = 0; i < e.length; i++)
			assertEquals(e[i], a[i], tol, "pixel (" + i % expected.getWidth() + ", " + i / expected.getWidth() + ")");
	}

	@ParameterizedTest(name = "{0}×{1} image, {2}×{3} kernel")
	@CsvSource({ "37,23,3,3", "64,51,5,5", "41,33,9,9", "29,40,3,7", "30,17,7,3", "16,16,1,5", "12,9,11,11", "5,7,9,9" })
	void matchesImageJConvolverOnRandomFloatImages(int w, int h, int kw, int kh) {
		Random rnd = new Random(31L * w + 7L * kw + kh);
		FloatProcessor img = TestImages.randomFloat(rnd, w, h);
		Kernel2D k = TestImages.randomKernel(rnd, kw, kh);
		assertClose(imagej(img, k, false), PlaneConvolution.apply(IMAGEJ_LIKE, img, k), 1e-5);
	}

	@Test
	void normalisedKernelMatchesConvolverDefault() {
		Random rnd = new Random(5);
		FloatProcessor img = TestImages.randomFloat(rnd, 33, 27);
		String text = "1 2 1\n2 4 2\n1 2 1";
		assertClose(imagej(img, KernelParser.parse(text), true), PlaneConvolution.apply(IMAGEJ_LIKE, img, KernelParser.parse(text, true)), 1e-5);
	}

	@Test
	void eightAndSixteenBitInputIsReadUnsigned() {
		Random rnd = new Random(11);
		int w = 25, h = 19;
		byte[] b = new byte[w * h];
		short[] s = new short[w * h];
		for (int i = 0; i < b.length; i++) {
			b[i] = (byte) rnd.nextInt(256);
			s[i] = (short) rnd.nextInt(65536);
		}
		Kernel2D k = TestImages.randomKernel(rnd, 5, 3);
		ByteProcessor bp = new ByteProcessor(w, h, b);
		ShortProcessor sp = new ShortProcessor(w, h, s, null);
		// ImageJ on the 32-bit versions of the same pixels; tolerance scaled to the 0..65535 range
		assertClose(imagej(bp, k, false), PlaneConvolution.apply(IMAGEJ_LIKE, bp, k), 1e-3);
		assertClose(imagej(sp, k, false), PlaneConvolution.apply(IMAGEJ_LIKE, sp, k), 0.5);
		assertTrue(((float[]) PlaneConvolution.apply(IMAGEJ_LIKE, sp, Kernel2D.of(1, 1, 1f)).getPixels())[0] >= 0, "16-bit read as unsigned");
	}

	@ParameterizedTest(name = "{0}, {1}, stride {2}×{3}, kernel {4}×{5}, image {6}×{7}")
	@CsvSource({
			"ZERO,SAME,1,1,3,3,20,15", "REFLECT,SAME,1,1,5,5,20,15", "REPLICATE,SAME,1,1,4,2,20,15",
			"ZERO,VALID,1,1,3,5,20,15", "REFLECT,VALID,2,2,3,3,21,16", "REPLICATE,SAME,2,3,5,5,23,17",
			"ZERO,SAME,3,2,4,4,22,19", "REFLECT,SAME,2,2,9,9,4,5", "REFLECT,SAME,1,1,7,7,1,6",
			"REPLICATE,VALID,3,3,2,6,13,11", "ZERO,SAME,1,1,1,1,8,8", "REFLECT,SAME,3,3,6,4,40,31",
			"REPLICATE,SAME,2,2,8,8,33,29", "REFLECT,SAME,2,3,7,5,34,27", "REPLICATE,SAME,4,4,3,3,17,18" })
	void paddingOutputAndStrideMatchTheDefinition(PaddingMode mode, OutputSize out, int sy, int sx, int kw, int kh, int w, int h) {
		Random rnd = new Random(mode.ordinal() * 1000 + kw * 10 + kh + w);
		float[] img = TestImages.random(rnd, w * h, -2, 2);
		Kernel2D k = TestImages.randomKernel(rnd, kw, kh);
		Convolution2D conv = Convolution2D.defaults().padding(mode).output(out).stride(sy, sx).threads(2);
		int[] size = new int[2];
		double[] expected = NaiveConvolution.convolve(img, w, h, k, mode, out, sy, sx, size);
		float[] actual = conv.apply(img, w, h, k);
		assertEquals(size[0], conv.outputWidth(w, kw), "output width");
		assertEquals(size[1], conv.outputHeight(h, kh), "output height");
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5, "output " + i);
	}

	@Test
	void stackPlanesAreFilteredOneByOne() {
		Random rnd = new Random(3);
		ImageStack stack = new ImageStack(17, 13);
		for (int i = 0; i < 3; i++) stack.addSlice("plane " + i, TestImages.randomFloat(rnd, 17, 13));
		Kernel2D k = TestImages.randomKernel(rnd, 3, 3);
		Convolution2D conv = IMAGEJ_LIKE.padding(PaddingMode.REFLECT);
		ImageStack out = PlaneConvolution.applyToEachPlane(conv, stack, k);
		assertEquals(3, out.getSize());
		for (int i = 1; i <= 3; i++) {
			assertEquals("plane " + (i - 1), out.getSliceLabel(i));
			assertClose(PlaneConvolution.apply(conv, stack.getProcessor(i), k), (FloatProcessor) out.getProcessor(i), 0);
		}
	}

	@Test
	void bigStacksGoThroughInBatches() {
		// 5 planes of 2048×2048 = 20 Mpixels: a batch of 4 planes, then one
		Random rnd = new Random(12);
		ImageStack stack = new ImageStack(2048, 2048);
		for (int i = 0; i < 5; i++) stack.addSlice("p" + i, TestImages.randomFloat(rnd, 2048, 2048));
		Kernel2D k = Kernel2D.of(3, 1, 0.25f, 0.5f, 0.25f);
		ImageStack out = PlaneConvolution.applyToEachPlane(IMAGEJ_LIKE, stack, k);
		assertEquals(5, out.getSize());
		for (int i : new int[] { 1, 4, 5 }) {
			assertEquals("p" + (i - 1), out.getSliceLabel(i));
			assertClose(PlaneConvolution.apply(IMAGEJ_LIKE, stack.getProcessor(i), k), (FloatProcessor) out.getProcessor(i), 0);
		}
	}

	@Test
	void acrossChannelsSumsThePerChannelConvolutions() {
		Random rnd = new Random(4);
		int w = 19, h = 14;
		ImageStack channels = new ImageStack(w, h);
		Kernel2D[] ks = new Kernel2D[3];
		for (int c = 0; c < 3; c++) {
			channels.addSlice(TestImages.randomFloat(rnd, w, h));
			ks[c] = TestImages.randomKernel(rnd, 5, 3);
		}
		Convolution2D conv = IMAGEJ_LIKE.padding(PaddingMode.ZERO).stride(2);
		FloatProcessor out = PlaneConvolution.applyAcrossChannels(conv, channels, ks);
		int[] size = new int[2];
		double[] sum = null;
		for (int c = 0; c < 3; c++) {
			double[] part = NaiveConvolution.convolve((float[]) channels.getPixels(c + 1), w, h, ks[c], PaddingMode.ZERO, OutputSize.SAME, 2, 2, size);
			if (sum == null) sum = part;
			else for (int i = 0; i < sum.length; i++) sum[i] += part[i];
		}
		assertEquals(size[0], out.getWidth());
		assertEquals(size[1], out.getHeight());
		float[] a = (float[]) out.getPixels();
		for (int i = 0; i < sum.length; i++) assertEquals(sum[i], a[i], 1e-5);

		// one kernel for all channels = the same kernel given per channel
		FloatProcessor shared = PlaneConvolution.applyAcrossChannels(conv, channels, ks[0]);
		assertClose(PlaneConvolution.applyAcrossChannels(conv, channels, ks[0], ks[0], ks[0]), shared, 0);
	}

	@Test
	void tensorVersionsAgreeWithPlaneVersions() {
		Random rnd = new Random(6);
		int n = 2, c = 3, h = 11, w = 9;
		Tensor x = new Tensor(TestImages.random(rnd, n * c * h * w, -1, 1), n, c, h, w);
		Kernel2D k1 = TestImages.randomKernel(rnd, 3, 3), k2 = TestImages.randomKernel(rnd, 3, 3);
		Convolution2D conv = IMAGEJ_LIKE.padding(PaddingMode.REFLECT);

		Tensor each = conv.apply(x, k1);
		Tensor bank = conv.applyBank(x, List.of(k1, k2));
		Tensor across = conv.applyAcrossChannels(x, k1);
		assertArrayEquals(new int[] { n, c, h, w }, each.shape());
		assertArrayEquals(new int[] { n, 2 * c, h, w }, bank.shape());
		assertArrayEquals(new int[] { n, 1, h, w }, across.shape());
		for (int b = 0; b < n; b++) {
			double[] acc = new double[h * w];
			for (int ch = 0; ch < c; ch++) {
				float[] plane = new float[h * w];
				System.arraycopy(x.data(), x.planeOffset(b, ch), plane, 0, h * w);
				float[] e1 = conv.apply(plane, w, h, k1), e2 = conv.apply(plane, w, h, k2);
				for (int i = 0; i < h * w; i++) {
					assertEquals(e1[i], each.data()[each.planeOffset(b, ch) + i], 1e-6);
					assertEquals(e1[i], bank.data()[bank.planeOffset(b, 2 * ch) + i], 1e-6);
					assertEquals(e2[i], bank.data()[bank.planeOffset(b, 2 * ch + 1) + i], 1e-6);
					acc[i] += e1[i];
				}
			}
			for (int i = 0; i < h * w; i++) assertEquals(acc[i], across.data()[across.planeOffset(b, 0) + i], 1e-5);
		}
	}

	@Test
	void multiPlaneBordersMatchTheDefinition() {
		// batch of planes and a bank through one engine call: every border strip must land in its own plane
		Random rnd = new Random(21);
		int n = 2, c = 2, h = 23, w = 19;
		Tensor x = new Tensor(TestImages.random(rnd, n * c * h * w, -1, 1), n, c, h, w);
		Kernel2D k1 = TestImages.randomKernel(rnd, 5, 5), k2 = TestImages.randomKernel(rnd, 5, 5);
		for (PaddingMode mode : new PaddingMode[] { PaddingMode.REFLECT, PaddingMode.REPLICATE }) {
			Convolution2D conv = IMAGEJ_LIKE.padding(mode).stride(2);
			Tensor bank = conv.applyBank(x, List.of(k1, k2));
			int[] size = new int[2];
			for (int b = 0; b < n; b++)
				for (int ch = 0; ch < c; ch++) {
					float[] plane = new float[h * w];
					System.arraycopy(x.data(), x.planeOffset(b, ch), plane, 0, h * w);
					for (int f = 0; f < 2; f++) {
						double[] e = NaiveConvolution.convolve(plane, w, h, f == 0 ? k1 : k2, mode, OutputSize.SAME, 2, 2, size);
						int off = bank.planeOffset(b, 2 * ch + f);
						for (int i = 0; i < e.length; i++) assertEquals(e[i], bank.data()[off + i], 1e-5, mode + " plane " + b + "," + ch + " filter " + f);
					}
				}
		}
	}

	@Test
	void threadCountDoesNotChangeTheResult() {
		Random rnd = new Random(8);
		FloatProcessor img = TestImages.randomFloat(rnd, 300, 257);
		Kernel2D k = TestImages.randomKernel(rnd, 5, 5);
		for (PaddingMode mode : PaddingMode.values())
			assertClose(PlaneConvolution.apply(Convolution2D.defaults().padding(mode).threads(1), img, k),
					PlaneConvolution.apply(Convolution2D.defaults().padding(mode).threads(2), img, k), 0);
	}

	@Test
	void badInputIsExplained() {
		Kernel2D k9 = Kernel2D.of(9, 9, new float[81]);
		FloatProcessor small = new FloatProcessor(5, 5);
		Convolution2D valid = IMAGEJ_LIKE.output(OutputSize.VALID);
		var e = assertThrows(IllegalArgumentException.class, () -> PlaneConvolution.apply(valid, small, k9));
		assertTrue(e.getMessage().contains("Convolution2D") && e.getMessage().contains("9×9") && e.getMessage().contains("5×5"), e.getMessage());

		e = assertThrows(IllegalArgumentException.class, () -> PlaneConvolution.apply(IMAGEJ_LIKE, new ColorProcessor(4, 4), k9));
		assertTrue(e.getMessage().contains("ColorProcessor"), e.getMessage());

		ImageStack two = new ImageStack(6, 6);
		two.addSlice(new FloatProcessor(6, 6));
		two.addSlice(new FloatProcessor(6, 6));
		Kernel2D k3 = Kernel2D.of(3, 3, new float[9]);
		e = assertThrows(IllegalArgumentException.class, () -> PlaneConvolution.applyAcrossChannels(IMAGEJ_LIKE, two, k3, k3, k3));
		assertTrue(e.getMessage().contains("3 kernels for 2 channels"), e.getMessage());

		e = assertThrows(IllegalArgumentException.class, () -> PlaneConvolution.applyBank(IMAGEJ_LIKE, small, List.of(k3, k9), null));
		assertTrue(e.getMessage().contains("kernel 2 is 9×9"), e.getMessage());

		e = assertThrows(IllegalArgumentException.class, () -> IMAGEJ_LIKE.apply(Tensor.zeros(3, 4, 4), k3));
		assertTrue(e.getMessage().contains("[3, 4, 4]"), e.getMessage());

		e = assertThrows(IllegalArgumentException.class, () -> IMAGEJ_LIKE.apply(new float[10], 4, 4, k3));
		assertTrue(e.getMessage().contains("4×4"), e.getMessage());

		assertThrows(IllegalArgumentException.class, () -> IMAGEJ_LIKE.stride(0));
		assertThrows(IllegalArgumentException.class, () -> IMAGEJ_LIKE.threads(0));
	}
}
