package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.Convolver;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * Plugins › ConvNet › Filters in the real ImageJ 1.54p under Xvfb: every command called by a macro with
 * the recorder's options, the saved results checked against ImageJ's Convolver and plain loops here.
 */
class FilterMacroIT extends WithImageJ {

	private static final Path SAMPLE = Path.of("samples/nuclei_fluo_8bit_crop.tif").toAbsolutePath();

	private static float[] convolver(ImageProcessor ip, float[] kernel, int size) {
		FloatProcessor fp = (FloatProcessor) ip.convertToFloat().duplicate();
		Convolver cv = new Convolver();
		cv.setNormalize(false);
		assertTrue(cv.convolve(fp, kernel, size, size));
		return (float[]) fp.getPixels();
	}

	@Test
	void menuEntriesPointToTheFilterPlugins() throws Exception {
		Path m = macro("menu.ijm", "List.setCommands;",
				"print(\"convolve=\" + List.get(\"Convolve\"));",
				"print(\"edges=\" + List.get(\"Edge Filters\"));",
				"print(\"gabor=\" + List.get(\"Gabor Filter Bank\"));",
				"print(\"pool=\" + List.get(\"Pool\"));",
				"print(\"upsample=\" + List.get(\"Up-sample\"));");
		ImageJInstall.Run r = imagej.macro(m, null, 120);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		for (String line : new String[] { "convolve=sc.fiji.convnet.commands.ij1.ConvolvePlugin", "edges=sc.fiji.convnet.commands.ij1.EdgeFiltersPlugin",
				"gabor=sc.fiji.convnet.commands.ij1.GaborFilterBankPlugin", "pool=sc.fiji.convnet.commands.ij1.PoolPlugin",
				"upsample=sc.fiji.convnet.commands.ij1.UpsamplePlugin" })
			assertTrue(r.output().contains(line), line + " in " + r.output());
	}

	/** macros/filters_demo.ijm: the five commands with recorded options on the sample, results saved and checked. */
	@Test
	void demoMacroRunsEveryFilterCommand() throws Exception {
		Path out = Files.createDirectories(home.resolve("filters-out"));
		ImageJInstall.Run r = imagej.macro(Path.of("macros/filters_demo.ijm").toAbsolutePath(), "image=[" + SAMPLE + "] output=[" + out + "]", 300);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("Filters demo: 7 images saved"), r.output());
		ImagePlus sample = IJ.openImage(SAMPLE.toString());
		ImageProcessor ip = sample.getProcessor();
		int w = sample.getWidth(), h = sample.getHeight();

		// Convolve: Convolver with the same kernel, not normalised, replicated borders
		ImagePlus conv = IJ.openImage(out.resolve("convolved.tif").toString());
		assertEquals(32, conv.getBitDepth());
		assertEquals(w, conv.getWidth());
		assertEquals(h, conv.getHeight());
		float[] sobel = convolver(ip, new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, 3);
		float[] got = (float[]) conv.getProcessor().getPixels();
		for (int i = 0; i < got.length; i++) assertEquals(sobel[i], got[i], 1e-5 * 255 * 8, "convolved pixel " + i);

		// valid, stride 2, zero padding (irrelevant for valid), normalised: the inner Convolver pixels, every second one
		ImagePlus valid = IJ.openImage(out.resolve("smoothed_valid_stride2.tif").toString());
		assertEquals((w - 3) / 2 + 1, valid.getWidth());
		assertEquals((h - 3) / 2 + 1, valid.getHeight());
		float[] smooth = convolver(ip, new float[] { 1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f }, 3);
		for (int oy = 0; oy < valid.getHeight(); oy++)
			for (int ox = 0; ox < valid.getWidth(); ox++)
				assertEquals(smooth[(2 * oy + 1) * w + 2 * ox + 1], valid.getProcessor().getf(ox, oy), 1e-3, "valid (" + ox + ", " + oy + ")");
		assertEquals(2 * sample.getCalibration().pixelWidth, valid.getCalibration().pixelWidth, 1e-9);

		// Edge Filters, all: gx, gy (signed) and the magnitude as three channels
		ImagePlus edges = IJ.openImage(out.resolve("edges.tif").toString());
		assertEquals(3, edges.getNChannels());
		assertEquals(32, edges.getBitDepth());
		float[] gx = convolver(ip, new float[] { -1, 0, 1, -1, 0, 1, -1, 0, 1 }, 3);
		float[] gy = convolver(ip, new float[] { -1, -1, -1, 0, 0, 0, 1, 1, 1 }, 3);
		float[] ex = (float[]) edges.getStack().getPixels(1), ey = (float[]) edges.getStack().getPixels(2), em = (float[]) edges.getStack().getPixels(3);
		boolean negative = false;
		for (int i = 0; i < ex.length; i++) {
			assertEquals(gx[i], ex[i], 1e-3);
			assertEquals(gy[i], ey[i], 1e-3);
			assertEquals(Math.hypot(gx[i], gy[i]), em[i], 1e-3);
			negative |= ex[i] < 0;
		}
		assertTrue(negative, "falling edges keep their sign");

		// Gabor Filter Bank: 8 labelled maps and the 4×2 montage
		ImagePlus gabor = IJ.openImage(out.resolve("gabor_maps.tif").toString());
		assertEquals(8, gabor.getStackSize());
		assertEquals("θ=90° ω=1.6 φ=0", gabor.getStack().getSliceLabel(7));
		float[] g7 = convolver(ip, new sc.fiji.convnet.filters.GaborFilter(Math.PI / 2, 1.6, 0, 0.1, 0.1, 9).kernel().values(), 9);
		float[] m7 = (float[]) gabor.getStack().getPixels(7);
		for (int i = 0; i < m7.length; i++) assertEquals(g7[i], m7[i], 1e-5 * 255 * 81, "Gabor map 7, pixel " + i);
		ImagePlus bank = IJ.openImage(out.resolve("gabor_bank.tif").toString());
		assertEquals(4 * 63 + 3 * 7, bank.getWidth());
		assertEquals(2 * 63 + 7, bank.getHeight());

		// Pool: max over 2×2 windows
		ImagePlus pooled = IJ.openImage(out.resolve("max_pooled.tif").toString());
		assertEquals(w / 2, pooled.getWidth());
		assertEquals(h / 2, pooled.getHeight());
		for (int oy = 0; oy < h / 2; oy++)
			for (int ox = 0; ox < w / 2; ox++) {
				float max = Math.max(Math.max(ip.getf(2 * ox, 2 * oy), ip.getf(2 * ox + 1, 2 * oy)),
						Math.max(ip.getf(2 * ox, 2 * oy + 1), ip.getf(2 * ox + 1, 2 * oy + 1)));
				assertEquals(max, pooled.getProcessor().getf(ox, oy), "pooled (" + ox + ", " + oy + ")");
			}

		// Up-sample, bilinear ×2: ImageJ's own bilinear interpolation at the aligned centres, inside the image
		ImagePlus up = IJ.openImage(out.resolve("upsampled.tif").toString());
		assertEquals(2 * w, up.getWidth());
		assertEquals(2 * h, up.getHeight());
		ImageProcessor fp = ip.convertToFloat();
		for (int y = 1; y < 2 * h - 1; y += 3)
			for (int x = 1; x < 2 * w - 1; x += 3)
				assertEquals(fp.getInterpolatedValue((x + 0.5) / 2 - 0.5, (y + 0.5) / 2 - 0.5), up.getProcessor().getf(x, y), 1e-3,
						"up-sampled (" + x + ", " + y + ")");
	}

	/** Bad input from a macro: one line naming the image and the problem, the macro stops, nothing hangs. */
	@Test
	void badInputIsReportedWithoutHanging() throws Exception {
		String[][] cases = {
				{ "newImage(\"ragged\", \"8-bit black\", 32, 32, 1);",
						"run(\"Convolve\", \"text1=[1 2 3\\n4 5] kernel=text padding=replicate output=same stride=1\");",
						"Convolve: ragged: KernelParser: row 2" },
				{ "newImage(\"empty\", \"8-bit black\", 32, 32, 1);",
						"run(\"Convolve\", \"text1=[ ] kernel=text padding=replicate output=same stride=1\");",
						"Convolve: empty: KernelParser: the kernel text is empty" },
				{ "newImage(\"strided\", \"16-bit black\", 32, 32, 1);",
						"run(\"Convolve\", \"text1=[1 1 1] kernel=text padding=zero output=same stride=0\");",
						"Convolve: strided: the stride must be at least 1, got 0" },
				{ "newImage(\"colour\", \"RGB black\", 32, 32, 1);",
						"run(\"Pool\", \"method=max size=2 stride=2\");",
						"Pool: colour: RGB images are not supported" },
				{ "newImage(\"tiny\", \"32-bit black\", 4, 4, 1);",
						"run(\"Gabor Filter Bank\", \"orientations=4 frequencies=[0.8, x] phase=0 alpha=0.1 beta=0.1 size=9\");",
						"Gabor Filter Bank: tiny: 'x' in frequencies is not a number" } };
		int n = 0;
		for (String[] c : cases) {
			Path m = macro("bad" + (n++) + ".ijm", c[0], c[1], "print(\"not reached\");");
			ImageJInstall.Run r = imagej.macro(m, null, 120);
			assertFalse(r.timedOut(), "ImageJ hung on an error dialog: " + r.output());
			assertTrue(r.output().contains(c[2]), "expected '" + c[2] + "' in: " + r.output());
			assertFalse(r.output().contains("not reached"), "the macro stops at the error: " + r.output());
		}
	}

	/** A kernel drawn in an open image (kernel=TITLE), and a hyperstack whose layout and calibration the filters keep. */
	@Test
	void kernelFromAnImageAndHyperstacks() throws Exception {
		Path out = Files.createDirectories(home.resolve("hyper-out"));
		Path m = macro("hyper.ijm",
				"setBatchMode(true);",
				"open(\"" + SAMPLE + "\");",
				"input = getTitle();",
				"newImage(\"k\", \"32-bit black\", 3, 3, 1);",
				"setPixel(0, 0, -1); setPixel(2, 0, 1); setPixel(0, 1, -2); setPixel(2, 1, 2); setPixel(0, 2, -1); setPixel(2, 2, 1);",
				"selectImage(input);",
				"run(\"Convolve\", \"text1=[1] kernel=k padding=replicate output=same stride=1\");",
				"saveAs(\"Tiff\", \"" + out + "/from_image.tif\");",
				"newImage(\"hs\", \"16-bit ramp\", 64, 48, 2, 3, 4);",
				"run(\"Properties...\", \"pixel_width=0.5 pixel_height=0.5 voxel_depth=2 frame=[3 sec]\");",
				"run(\"Convolve\", \"text1=[1 1 1] kernel=text padding=reflect output=same stride=2 across\");",
				"getDimensions(w, h, c, z, t); getPixelSize(unit, pw, ph);",
				"print(\"across: \" + w + \"x\" + h + \" c=\" + c + \" z=\" + z + \" t=\" + t + \" pw=\" + pw + \" bits=\" + bitDepth());",
				"selectImage(\"hs\");",
				"run(\"Up-sample\", \"method=nearest factor=2\");",
				"getDimensions(w, h, c, z, t); getPixelSize(unit, pw, ph);",
				"print(\"upsampled: \" + w + \"x\" + h + \" c=\" + c + \" z=\" + z + \" t=\" + t + \" pw=\" + pw);");
		ImageJInstall.Run r = imagej.macro(m, null, 120);
		assertFalse(r.timedOut(), "ImageJ hung: " + r.output());
		assertTrue(r.output().contains("across: 32x24 c=1 z=3 t=4 pw=1 bits=32"), r.output());
		assertTrue(r.output().contains("upsampled: 128x96 c=2 z=3 t=4 pw=0.25"), r.output());
		ImagePlus sample = IJ.openImage(SAMPLE.toString());
		float[] sobel = convolver(sample.getProcessor(), new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, 3);
		float[] got = (float[]) IJ.openImage(out.resolve("from_image.tif").toString()).getProcessor().getPixels();
		for (int i = 0; i < got.length; i++) assertEquals(sobel[i], got[i], 1e-5 * 255 * 8, "pixel " + i);
	}
}
