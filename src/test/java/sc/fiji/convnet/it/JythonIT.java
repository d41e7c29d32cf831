package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.TestData;

/** Every script in scripts/ runs in jython-standalone against the built classes and does what it says. */
class JythonIT {

	@TempDir
	Path tmp;

	private String run(String script, String... args) throws Exception {
		String jython = org.python.util.jython.class.getProtectionDomain().getCodeSource().getLocation().getPath();
		List<String> cmd = new ArrayList<>(List.of(ImageJInstall.java(), "-Djava.awt.headless=true", "-Dslf4j.internal.verbosity=ERROR", "-cp",
				System.getProperty("convnet.jar", "target/classes") + File.pathSeparator + "target/dependency/*" + File.pathSeparator + jython,
				"org.python.util.jython", "scripts/" + script));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), script + " finished");
		String out = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.exitValue(), script + ": " + out);
		return out;
	}

	@Test
	void everyScriptIsCovered() throws Exception {
		try (var s = Files.list(Path.of("scripts"))) {
			List<String> py = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py") && !n.startsWith("bench")).sorted().toList();
			assertEquals(List.of("batch_segment_folder.py", "detect_cells.py", "diagnostics.py", "filters_demo.py", "segment_nuclei.py", "train_segmentation.py"), py, "a new script needs a test here");
		}
	}

	@Test
	void trainSegmentationWritesAModelThatSegments() throws Exception {
		Path root = TestData.shared("nuclei-dsb2018");
		Path images = Files.createDirectories(tmp.resolve("images")), labels = Files.createDirectories(tmp.resolve("labels"));
		List<String> ids = Files.readAllLines(root.resolve("split.csv")).stream().skip(1).map(l -> l.split(","))
				.filter(f -> f[1].equals("train") && f[2].equals("256")).map(f -> f[0]).limit(2).toList();
		for (String id : ids) {
			Files.copy(root.resolve("images/" + id + ".png"), images.resolve(id + ".png"));
			Files.copy(root.resolve("labels/" + id + ".tif"), labels.resolve(id + ".tif"));
		}
		Path model = tmp.resolve("my-model");
		String out = run("train_segmentation.py", images.toString(), labels.toString(), model.toString(), "2");
		assertTrue(out.contains("after 2 steps on 1 images (1 for validation)"), out);
		assertTrue(Files.isRegularFile(model.resolve("bioimageio.yaml")), out);
		String seg = run("segment_nuclei.py", "samples/nuclei_fluo_8bit_crop.tif", tmp.resolve("seg").toString(), model.toString());
		assertTrue(seg.matches("(?s).*nuclei_fluo_8bit_crop.tif: [1-9][0-9]* nuclei.*"), seg);
	}

	@Test
	void diagnostics() throws Exception {
		String out = run("diagnostics.py");
		assertTrue(out.contains("ONNX Runtime 1.29"), out);
	}

	@Test
	void segmentNucleiWritesLabelsRoisAndTable() throws Exception {
		String model = TestData.bioimageioNucleiModel().toString();
		Path folder = tmp.resolve("not/yet/there"); // the script creates its output folder
		String out = run("segment_nuclei.py", "samples/nuclei_fluo_8bit_crop.tif", folder.toString(), model);
		ImagePlus labels = IJ.openImage(folder.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		int n = (int) labels.getStatistics().max;
		assertTrue(out.contains("nuclei_fluo_8bit_crop.tif: " + n + " nuclei"), out);
		assertTrue(Files.size(folder.resolve("nuclei_fluo_8bit_crop_rois.zip")) > 0);
		assertEquals(n + 1, Files.readAllLines(folder.resolve("nuclei_fluo_8bit_crop_measurements.csv")).size());
	}

	/** The Jython batch call gives the same files and the same labels as the command line. */
	@Test
	void batchScriptMatchesTheCommandLine() throws Exception {
		String model = TestData.bioimageioNucleiModel().toString();
		Path viaJython = tmp.resolve("jython"), viaCli = tmp.resolve("cli");
		run("batch_segment_folder.py", "samples", viaJython.toString(), model, "*8bit*");
		int code = sc.fiji.convnet.cli.ConvNetCli.run(new String[] { "segment", "--input", "samples", "--output", viaCli.toString(), "--model", model,
				"--filter", "*8bit*" }, System.out, System.err);
		assertEquals(0, code);
		ImagePlus a = IJ.openImage(viaJython.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		ImagePlus b = IJ.openImage(viaCli.resolve("nuclei_fluo_8bit_crop_labels.tif").toString());
		assertTrue(java.util.Arrays.equals((short[]) a.getProcessor().getPixels(), (short[]) b.getProcessor().getPixels()), "identical labels");
		assertEquals(Files.readAllLines(viaCli.resolve("measurements.csv")), Files.readAllLines(viaJython.resolve("measurements.csv")));
	}

	/** Edge magnitude and Gabor maps from the script equal ImageJ's Convolver with the same kernels. */
	@Test
	void filtersDemoWritesEdgesAndGaborMaps() throws Exception {
		java.nio.file.Path tmp = this.tmp.resolve("not/yet"); // the script creates its output folder (issue #19)
		String out = run("filters_demo.py", tmp.toString(), "samples/nuclei_fluo_8bit_crop.tif");
		assertTrue(out.contains("nuclei_fluo_8bit_crop.tif: edge magnitude and 16 Gabor feature maps"), out);
		ImagePlus sample = IJ.openImage("samples/nuclei_fluo_8bit_crop.tif");
		ImagePlus edges = IJ.openImage(tmp.resolve("nuclei_fluo_8bit_crop_edges.tif").toString());
		ImagePlus gabor = IJ.openImage(tmp.resolve("nuclei_fluo_8bit_crop_gabor.tif").toString());
		assertEquals(32, edges.getBitDepth());
		assertEquals(sample.getWidth(), edges.getWidth());
		assertEquals(16, gabor.getStackSize());
		assertEquals("θ=45° ω=0.785 φ=0", gabor.getStack().getSliceLabel(3));
		float[] gx = convolver(sample, new float[] { -1, 0, 1, -1, 0, 1, -1, 0, 1 }, 3);
		float[] gy = convolver(sample, new float[] { -1, -1, -1, 0, 0, 0, 1, 1, 1 }, 3);
		float[] m = (float[]) edges.getProcessor().getPixels();
		for (int i = 0; i < m.length; i++) assertEquals(Math.hypot(gx[i], gy[i]), m[i], 1e-3, "magnitude at " + i);
		float[] g3 = convolver(sample, new sc.fiji.convnet.filters.GaborFilter(Math.PI / 4, 0.785, 0, 0.05, 0.05, 15).kernel().values(), 15);
		float[] map = (float[]) gabor.getStack().getPixels(3);
		for (int i = 0; i < map.length; i++) assertEquals(g3[i], map[i], 1e-5 * 255 * 225, "Gabor θ=45° at " + i);
		assertTrue(Files.size(tmp.resolve("gabor_bank.tif")) > 0);
	}

	private static float[] convolver(ImagePlus imp, float[] kernel, int size) {
		ij.process.ImageProcessor fp = imp.getProcessor().convertToFloat().duplicate();
		ij.plugin.filter.Convolver cv = new ij.plugin.filter.Convolver();
		cv.setNormalize(false);
		cv.convolve(fp, kernel, size, size);
		return (float[]) fp.getPixels();
	}

	/** The Jython folder detection writes the same box tables as the command line's detect, and prints a blood count. */
	@Test
	void detectCellsMatchesTheCommandLine() throws Exception {
		Path bccd = TestData.shared("bccd");
		Path in = Files.createDirectories(tmp.resolve("bccd-in"));
		List<String> ids = Files.readAllLines(bccd.resolve("val.txt")).stream().map(String::trim).filter(l -> !l.isEmpty()).limit(2).toList();
		for (String id : ids) Files.copy(bccd.resolve("JPEGImages/" + id + ".jpg"), in.resolve(id + ".jpg"));
		Path viaJython = tmp.resolve("det-jython"), viaCli = tmp.resolve("det-cli");
		String out = run("detect_cells.py", in.toString(), viaJython.toString());
		assertTrue(out.contains("RBC: "), out);
		assertEquals(0, sc.fiji.convnet.cli.ConvNetCli.run(new String[] { "detect", "--input", in.toString(), "--output", viaCli.toString() },
				System.out, System.err));
		for (String id : ids) {
			List<String> a = Files.readAllLines(viaJython.resolve(id + "_boxes.csv")), b = Files.readAllLines(viaCli.resolve(id + "_boxes.csv"));
			assertEquals("class,score,x,y,width,height", a.get(0));
			assertTrue(a.size() > 5, id + ": boxes found");
			assertEquals(b, a, id + ": same boxes from Jython and the command line");
		}
	}
}
