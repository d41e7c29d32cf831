package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.plugin.filter.Convolver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.filters.GaborFilter;
import sc.fiji.convnet.filters.Kernel2D;
import sc.fiji.convnet.filters.KernelParser;
import sc.fiji.convnet.filters.OutputSize;
import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.filters.Pooling;
import sc.fiji.convnet.filters.Upsampling;
import sc.fiji.convnet.predict.Progress;

/** ImagePlus-level filters against ImageJ's own Convolver and plain loops. */
class ImageFiltersTest {

	private static final String SAMPLE = "samples/nuclei_fluo_8bit_crop.tif";

	/** ImageJ's Convolver (not normalising) on a 32-bit copy: replicated borders, same size. */
	static FloatProcessor convolver(ImageProcessor ip, Kernel2D k) {
		FloatProcessor fp = (FloatProcessor) ip.convertToFloat().duplicate();
		Convolver cv = new Convolver();
		cv.setNormalize(false);
		assertTrue(cv.convolve(fp, k.values(), k.width(), k.height()), "Convolver refused the kernel");
		return fp;
	}

	private static void assertClose(float[] expected, float[] actual, double tol, String what) {
		assertEquals(expected.length, actual.length, what + ": length");
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, what + ", pixel " + i);
	}

	private static Kernel2D randomKernel(Random rnd, int w, int h) {
		float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++) v[i] = rnd.nextFloat() * 2 - 1;
		return Kernel2D.of(w, h, v);
	}

	/** A 16-bit composite hyperstack with random pixels and a full spatial calibration. */
	private static ImagePlus hyperstack(int w, int h, int c, int z, int t, long seed) {
		Random rnd = new Random(seed);
		ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < c * z * t; i++) {
			short[] p = new short[w * h];
			for (int j = 0; j < p.length; j++) p[j] = (short) rnd.nextInt(4096);
			stack.addSlice("plane " + (i + 1), new ShortProcessor(w, h, p, null));
		}
		ImagePlus imp = new ImagePlus("hyper", stack);
		imp.setDimensions(c, z, t);
		imp.setOpenAsHyperStack(true);
		ImagePlus ci = c > 1 ? new CompositeImage(imp, IJ.COMPOSITE) : imp;
		Calibration cal = new Calibration();
		cal.pixelWidth = 0.5; cal.pixelHeight = 0.25; cal.pixelDepth = 1.5; cal.setUnit("µm");
		cal.xOrigin = 3; cal.yOrigin = 4; cal.frameInterval = 2; cal.setTimeUnit("s");
		ci.setCalibration(cal);
		return ci;
	}

	private static List<Object> pixelCopies(ImagePlus imp) {
		List<Object> copies = new ArrayList<>();
		for (int i = 1; i <= imp.getStackSize(); i++) copies.add(((short[]) imp.getStack().getPixels(i)).clone());
		return copies;
	}

	private static void assertUntouched(List<Object> before, ImagePlus imp) {
		for (int i = 1; i <= imp.getStackSize(); i++)
			assertArrayEquals((short[]) before.get(i - 1), (short[]) imp.getStack().getPixels(i), "input plane " + i + " unchanged");
	}

	// ---------------------------------------------------------------- Convolve

	@Test
	void convolveMatchesImageJConvolverOnTheSample() {
		ImagePlus sample = IJ.openImage(SAMPLE);
		Random rnd = new Random(42);
		for (int[] size : new int[][] { { 3, 3 }, { 5, 7 }, { 9, 9 } }) {
			Kernel2D k = randomKernel(rnd, size[0], size[1]);
			// on the 8-bit image as it is: 1e-5 relative to the largest possible response
			double scale = 0;
			for (float v : k.values()) scale += Math.abs(v) * 255;
			ImagePlus out = ImageFilters.convolve(sample, k, false, PaddingMode.REPLICATE, OutputSize.SAME, 1, false, Progress.NONE);
			assertEquals(32, out.getBitDepth());
			assertClose((float[]) convolver(sample.getProcessor(), k).getPixels(), (float[]) out.getProcessor().getPixels(), 1e-5 * scale,
					"8-bit sample, kernel " + size[0] + "×" + size[1]);
			// on values in [0, 1]: 1e-5 absolute
			FloatProcessor unit = (FloatProcessor) sample.getProcessor().convertToFloat();
			unit.multiply(1 / 255.0);
			ImagePlus u = new ImagePlus("unit", unit);
			ImagePlus outU = ImageFilters.convolve(u, k, false, PaddingMode.REPLICATE, OutputSize.SAME, 1, false, Progress.NONE);
			assertClose((float[]) convolver(unit, k).getPixels(), (float[]) outU.getProcessor().getPixels(), 1e-5,
					"[0,1] sample, kernel " + size[0] + "×" + size[1]);
		}
	}

	@Test
	void textKernelWithNormalizeIsConvolversDefault() {
		ImagePlus sample = IJ.openImage(SAMPLE);
		String text = "1 2 1\n2 4 2\n1 2 1\n";
		ImagePlus out = ConvNetFilters.convolve(sample, text, true, "replicate", "same", 1, false);
		FloatProcessor expected = (FloatProcessor) sample.getProcessor().convertToFloat().duplicate();
		new Convolver().convolve(expected, new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, 3, 3); // normalises by default
		assertClose((float[]) expected.getPixels(), (float[]) out.getProcessor().getPixels(), 1e-5 * 255, "normalised");
	}

	@Test
	void convolveKeepsHyperstackCalibrationAndLeavesTheInputAlone() {
		ImagePlus imp = hyperstack(31, 23, 2, 3, 2, 1);
		List<Object> before = pixelCopies(imp);
		Kernel2D k = randomKernel(new Random(3), 5, 3);
		ImagePlus out = ImageFilters.convolve(imp, k, false, PaddingMode.REPLICATE, OutputSize.SAME, 1, false, Progress.NONE);
		assertUntouched(before, imp);
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertTrue(out.isHyperStack() && out.isComposite(), "a composite hyperstack like the input");
		assertEquals(32, out.getBitDepth());
		assertEquals(31, out.getWidth());
		Calibration a = imp.getCalibration(), b = out.getCalibration();
		assertEquals(a.pixelWidth, b.pixelWidth);
		assertEquals(a.pixelHeight, b.pixelHeight);
		assertEquals(a.pixelDepth, b.pixelDepth);
		assertEquals(a.xOrigin, b.xOrigin);
		assertEquals(a.getUnit(), b.getUnit());
		assertEquals(a.frameInterval, b.frameInterval);
		for (int i = 1; i <= imp.getStackSize(); i++) {
			assertClose((float[]) convolver(imp.getStack().getProcessor(i), k).getPixels(), (float[]) out.getStack().getPixels(i),
					1e-5 * 4096 * 15, "plane " + i);
			assertEquals(imp.getStack().getSliceLabel(i), out.getStack().getSliceLabel(i));
		}
	}

	@Test
	void acrossChannelsIsTheSumOfPerChannelConvolutions() {
		ImagePlus imp = hyperstack(27, 19, 3, 2, 1, 7);
		List<Object> before = pixelCopies(imp);
		Random rnd = new Random(9);
		Kernel2D[] k = { randomKernel(rnd, 3, 3), randomKernel(rnd, 3, 3), randomKernel(rnd, 3, 3) };
		String text = k[0].toText() + "\n---\n" + k[1].toText() + "\n---\n" + k[2].toText();
		ImagePlus perKernel = ImageFilters.convolve(imp, text, false, PaddingMode.REPLICATE, OutputSize.SAME, 1, true, Progress.NONE);
		ImagePlus oneKernel = ImageFilters.convolve(imp, k[0], false, PaddingMode.REPLICATE, OutputSize.SAME, 1, true, Progress.NONE);
		assertUntouched(before, imp);
		for (ImagePlus out : List.of(perKernel, oneKernel)) {
			assertEquals(1, out.getNChannels());
			assertEquals(2, out.getNSlices());
			assertEquals(imp.getCalibration().pixelWidth, out.getCalibration().pixelWidth);
		}
		for (int z = 1; z <= 2; z++) {
			float[] sumPer = new float[27 * 19], sumOne = new float[27 * 19];
			for (int c = 1; c <= 3; c++) {
				ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c, z, 1));
				float[] a = (float[]) convolver(ip, KernelParser.parse(k[c - 1].toText())).getPixels();
				float[] b = (float[]) convolver(ip, k[0]).getPixels();
				for (int i = 0; i < a.length; i++) { sumPer[i] += a[i]; sumOne[i] += b[i]; }
			}
			assertClose(sumPer, (float[]) perKernel.getStack().getPixels(z), 1e-5 * 4096 * 27, "per-channel kernels, z " + z);
			assertClose(sumOne, (float[]) oneKernel.getStack().getPixels(z), 1e-5 * 4096 * 27, "one kernel, z " + z);
		}
	}

	@Test
	void strideAndValidOutputSampleTheRightPlacesAndMoveTheCalibration() {
		ImagePlus imp = hyperstack(40, 30, 1, 1, 1, 5);
		Kernel2D k = randomKernel(new Random(1), 5, 5);
		FloatProcessor full = convolver(imp.getProcessor(), k);
		ImagePlus out = ImageFilters.convolve(imp, k, false, PaddingMode.REPLICATE, OutputSize.VALID, 3, false, Progress.NONE);
		assertEquals((40 - 5) / 3 + 1, out.getWidth());
		assertEquals((30 - 5) / 3 + 1, out.getHeight());
		Calibration in = imp.getCalibration(), oc = out.getCalibration();
		for (int oy = 0; oy < out.getHeight(); oy++)
			for (int ox = 0; ox < out.getWidth(); ox++) {
				int x = ox * 3 + 2, y = oy * 3 + 2; // the kernel's centre in the input
				assertEquals(full.getf(x, y), out.getProcessor().getf(ox, oy), 1e-5 * 4096 * 25);
				assertEquals(in.getX(x), oc.getX(ox), 1e-9, "calibrated x of output column " + ox);
				assertEquals(in.getY(y), oc.getY(oy), 1e-9, "calibrated y of output row " + oy);
			}
	}

	// ---------------------------------------------------------------- Edge Filters

	@Test
	void edgesAreSignedConvolverResponsesAndTheirMagnitude() {
		ImagePlus sample = IJ.openImage(SAMPLE);
		Kernel2D vertical = KernelParser.parse("-1 0 1; -1 0 1; -1 0 1"), horizontal = KernelParser.parse("-1 -1 -1; 0 0 0; 1 1 1");
		float[] gx = (float[]) convolver(sample.getProcessor(), vertical).getPixels();
		float[] gy = (float[]) convolver(sample.getProcessor(), horizontal).getPixels();
		ImagePlus all = ConvNetFilters.edges(sample, "all");
		assertEquals(3, all.getNChannels());
		assertEquals("magnitude", all.getStack().getSliceLabel(3));
		float[] m = (float[]) all.getStack().getPixels(3);
		assertClose(gx, (float[]) all.getStack().getPixels(1), 1e-3, "vertical");
		assertClose(gy, (float[]) all.getStack().getPixels(2), 1e-3, "horizontal");
		assertClose(gx, (float[]) ConvNetFilters.edges(sample, "vertical").getProcessor().getPixels(), 1e-3, "vertical alone");
		assertClose(gy, (float[]) ConvNetFilters.edges(sample, "horizontal").getProcessor().getPixels(), 1e-3, "horizontal alone");
		for (int i = 0; i < m.length; i++) assertEquals(Math.hypot(gx[i], gy[i]), m[i], 1e-3);
		assertClose(m, (float[]) ConvNetFilters.edges(sample, "magnitude").getProcessor().getPixels(), 1e-3, "magnitude alone");
		// signed: a ramp rising to the right gives a positive gx, falling gives negative
		FloatProcessor ramp = new FloatProcessor(8, 8);
		for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) ramp.setf(x, y, x);
		ImagePlus up = ConvNetFilters.edges(new ImagePlus("ramp", ramp), "vertical");
		ramp.flipHorizontal();
		ImagePlus down = ConvNetFilters.edges(new ImagePlus("ramp", ramp), "vertical");
		assertEquals(6, up.getProcessor().getf(4, 4), 1e-6);
		assertEquals(-6, down.getProcessor().getf(4, 4), 1e-6);
		double[] range = { up.getDisplayRangeMin(), up.getDisplayRangeMax() };
		assertTrue(range[0] >= 0 || range[0] == -range[1], "display range symmetric for signed maps");
	}

	// ---------------------------------------------------------------- Gabor Filter Bank

	@Test
	void gaborBankGivesOneLabelledConvolverMapPerFilter() {
		ImagePlus sample = IJ.openImage(SAMPLE);
		GaborBank bank = ConvNetFilters.gaborBank(4, new double[] { 0.8, 1.6 }, new double[] { 0 }, 0.1, 0.1, 9);
		ImagePlus maps = ConvNetFilters.gaborBank(sample, bank);
		assertEquals(8, maps.getStackSize());
		assertEquals(sample.getWidth(), maps.getWidth());
		for (int f = 0; f < 8; f++) {
			GaborFilter g = bank.filters().get(f);
			assertEquals(g.label(), maps.getStack().getSliceLabel(f + 1));
			assertClose((float[]) convolver(sample.getProcessor(), g.kernel()).getPixels(), (float[]) maps.getStack().getPixels(f + 1),
					1e-5 * 255 * 81, "filter " + g.label());
		}
		// hyperstack input: F channels per input channel, z and t kept
		ImagePlus hs = ConvNetFilters.gaborBank(hyperstack(20, 16, 2, 2, 1, 11), bank);
		assertEquals(16, hs.getNChannels());
		assertEquals(2, hs.getNSlices());
		assertTrue(hs.getStack().getSliceLabel(9).startsWith("c2 "), hs.getStack().getSliceLabel(9));
		ImagePlus montage = ConvNetFilters.gaborMontage(bank);
		int tile = 9 * 7, gap = 7; // 64/9 → scale 7
		assertEquals(4 * tile + 3 * gap, montage.getWidth());
		assertEquals(2 * tile + gap, montage.getHeight());
	}

	// ---------------------------------------------------------------- Pool and Up-sample

	@Test
	void poolMatchesAPlainLoopAndScalesTheCalibration() {
		ImagePlus imp = hyperstack(21, 17, 2, 1, 2, 13);
		List<Object> before = pixelCopies(imp);
		for (String mode : List.of("max", "Average")) {
			ImagePlus out = ConvNetFilters.pool(imp, mode, 3, 2);
			assertUntouched(before, imp);
			assertEquals(10, out.getWidth());
			assertEquals(8, out.getHeight());
			assertEquals(2, out.getNChannels());
			assertEquals(2, out.getNFrames());
			for (int i = 1; i <= imp.getStackSize(); i++) {
				ImageProcessor ip = imp.getStack().getProcessor(i);
				for (int oy = 0; oy < 8; oy++)
					for (int ox = 0; ox < 10; ox++) {
						double max = Double.NEGATIVE_INFINITY, sum = 0;
						for (int y = oy * 2; y < oy * 2 + 3; y++)
							for (int x = ox * 2; x < ox * 2 + 3; x++) { max = Math.max(max, ip.getf(x, y)); sum += ip.getf(x, y); }
						assertEquals(mode.equals("max") ? max : sum / 9, out.getStack().getProcessor(i).getf(ox, oy), 1e-3);
					}
			}
			Calibration in = imp.getCalibration(), oc = out.getCalibration();
			assertEquals(2 * in.pixelWidth, oc.pixelWidth, 1e-12);
			assertEquals(in.getX(2 * 4 + 1), oc.getX(4), 1e-9, "window centre");
			assertEquals(in.getY(2 * 3 + 1), oc.getY(3), 1e-9, "window centre");
		}
	}

	@Test
	void upsampleEnlargesEveryPlaneAndKeepsPositions() {
		ImagePlus imp = hyperstack(9, 7, 2, 2, 1, 17);
		ImagePlus near = ConvNetFilters.upsample(imp, "nearest", 3);
		assertEquals(27, near.getWidth());
		assertEquals(21, near.getHeight());
		assertEquals(2, near.getNChannels());
		assertEquals(2, near.getNSlices());
		for (int i = 1; i <= imp.getStackSize(); i++)
			for (int y = 0; y < 21; y++)
				for (int x = 0; x < 27; x++)
					assertEquals(imp.getStack().getProcessor(i).getf(x / 3, y / 3), near.getStack().getProcessor(i).getf(x, y));
		Calibration in = imp.getCalibration(), oc = near.getCalibration();
		assertEquals(in.pixelWidth / 3, oc.pixelWidth, 1e-12);
		for (int ox = 0; ox < 27; ox++) assertEquals(in.getX((ox + 0.5) / 3 - 0.5), oc.getX(ox), 1e-9);
		// bilinear reproduces a ramp inside the image
		FloatProcessor ramp = new FloatProcessor(10, 10);
		for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) ramp.setf(x, y, 2 * x + y);
		ImageProcessor up = ImageFilters.upsample(new ImagePlus("ramp", ramp), Upsampling.Method.BILINEAR, 2, Progress.NONE).getProcessor();
		for (int y = 1; y < 19; y++)
			for (int x = 1; x < 19; x++) assertEquals(2 * ((x + 0.5) / 2 - 0.5) + ((y + 0.5) / 2 - 0.5), up.getf(x, y), 1e-4);
	}

	// ---------------------------------------------------------------- bad input

	@Test
	void badInputNamesTheImageAndTheProblem() {
		ImagePlus rgb = new ImagePlus("colour.png", new ColorProcessor(10, 10));
		ImagePlus grey = new ImagePlus("grey.tif", new FloatProcessor(10, 10));
		String msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.convolve(rgb, "1 1 1")).getMessage();
		assertTrue(msg.startsWith("Convolve: colour.png: RGB"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.convolve(grey, "1 2 3\n4 5")).getMessage();
		assertTrue(msg.startsWith("Convolve: grey.tif: ") && msg.contains("row 2"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.convolve(grey, "  \n")).getMessage();
		assertTrue(msg.startsWith("Convolve: grey.tif: ") && msg.contains("empty"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.convolve(grey, "1", false, "replicate", "same", 0, false)).getMessage();
		assertTrue(msg.startsWith("Convolve: grey.tif: ") && msg.contains("stride"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.convolve(grey, "1\n---\n1", false, "replicate", "same", 1, false)).getMessage();
		assertTrue(msg.contains("across channels"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.pool(grey, "max", 11, 1)).getMessage();
		assertTrue(msg.startsWith("Pool: grey.tif: "), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.pool(rgb, "max", 2, 2)).getMessage();
		assertTrue(msg.startsWith("Pool: colour.png: RGB"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.upsample(grey, "cubic", 2)).getMessage();
		assertTrue(msg.contains("'cubic'") && msg.contains("nearest, bilinear"), msg);
		msg = assertThrows(IllegalArgumentException.class, () -> ConvNetFilters.edges(rgb, "magnitude")).getMessage();
		assertTrue(msg.startsWith("Edge Filters: colour.png: RGB"), msg);
		assertThrows(IllegalArgumentException.class, () -> ImageFilters.pool(grey, Pooling.Mode.MAX, 2, 0, Progress.NONE));
	}
}
