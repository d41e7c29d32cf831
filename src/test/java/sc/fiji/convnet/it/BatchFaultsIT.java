package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * Fault injection on the real command line (bin/convnet in a subprocess): a kill -9 at a random point of a
 * 20-image batch, a full disk, a read-only output folder, awkward names, a truncated TIFF, a NaN-laced image, a
 * damaged model. Small crops, one view, a fixed diameter and one thread keep it fast.
 */
class BatchFaultsIT {

	@TempDir static Path tmp;
	static Path in, reference;
	static final String[] FAST = { "--views", "1", "--diameter", "17.6", "--threads", "1" };

	record Run(int code, String output) {}

	static Run convnet(String... args) throws Exception {
		Process p = start(args);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "bin/convnet finished");
		return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes()));
	}

	static Process start(String... args) throws IOException {
		List<String> cmd = new ArrayList<>(List.of("bin/convnet"));
		cmd.addAll(Arrays.asList(args));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("CONVNET_JAVA_OPTS", "-Xmx1g -Dconvnet.threads=1");
		return pb.start();
	}

	static String[] segment(Path input, Path output, String... more) {
		List<String> a = new ArrayList<>(List.of("segment", "--input", input.toString(), "--output", output.toString()));
		a.addAll(Arrays.asList(FAST));
		a.addAll(Arrays.asList(more));
		return a.toArray(String[]::new);
	}

	/** 20 crops of 64×64 from the 8-bit sample, and their uninterrupted results. */
	@BeforeAll
	static void twentyImages() throws Exception {
		in = Files.createDirectories(tmp.resolve("in"));
		ImagePlus sample = IJ.openImage("samples/nuclei_fluo_8bit_crop.tif");
		for (int i = 0; i < 20; i++) {
			sample.setRoi((i % 4) * 56, (i / 4) * 40, 64, 64);
			IJ.saveAsTiff(sample.crop(), in.resolve(String.format("img%02d.tif", i)).toString());
		}
		reference = tmp.resolve("reference");
		Run r = convnet(segment(in, reference));
		assertEquals(0, r.code(), r.output());
	}

	static List<String> labelsFiles(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_labels.tif")).sorted().toList();
		}
	}

	/** Every labels file with its final name opens as a whole 64×64 image; no temporary file is left. */
	static void noHalfWrittenFiles(Path dir) throws IOException {
		for (String n : labelsFiles(dir)) {
			ImagePlus imp = IJ.openImage(dir.resolve(n).toString());
			assertTrue(imp != null && imp.getWidth() == 64 && imp.getHeight() == 64, n + " is complete");
		}
	}

	static void sameAsReference(Path dir) throws IOException {
		assertEquals(labelsFiles(reference), labelsFiles(dir));
		for (String n : labelsFiles(reference)) {
			ImageProcessor a = IJ.openImage(reference.resolve(n).toString()).getProcessor(), b = IJ.openImage(dir.resolve(n).toString()).getProcessor();
			assertArrayEquals((short[]) a.getPixels(), (short[]) b.getPixels(), n + " pixel-identical");
		}
		assertEquals(Files.readAllLines(reference.resolve("measurements.csv")), Files.readAllLines(dir.resolve("measurements.csv")), "complete table");
	}

	@Test
	void killMinus9AtARandomPointThenRerunGivesTheUninterruptedResult() throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		int after = random.nextInt(19);
		Path out = tmp.resolve("killed");
		Path journal = out.resolve(".convnet-journal.jsonl");
		Process p = start(segment(in, out));
		long deadline = System.currentTimeMillis() + 120_000;
		while (p.isAlive() && System.currentTimeMillis() < deadline
				&& (!Files.exists(journal) || Files.readAllLines(journal).stream().filter(l -> l.contains("\"ok\"")).count() < after))
			Thread.sleep(5);
		Thread.sleep(random.nextInt(150)); // somewhere inside the next image or its writes
		boolean killedMidRun = p.isAlive();
		p.destroyForcibly(); // SIGKILL: bin/convnet execs java
		p.waitFor(30, TimeUnit.SECONDS);
		System.out.println("BatchFaultsIT: seed " + seed + ", killed after " + after + " images (" + (killedMidRun ? "mid-run" : "after the end") + ")");
		noHalfWrittenFiles(out);
		Run r = convnet(segment(in, out));
		assertEquals(0, r.code(), r.output());
		sameAsReference(out);
	}

	/** A tmpfs mounted at dir (CI runs as root), or the test is skipped with the reason. */
	static void mountTmpfs(Path dir, String options) throws Exception {
		Files.createDirectories(dir);
		Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()).redirectErrorStream(true).start();
		boolean ok = m.waitFor(20, TimeUnit.SECONDS) && m.exitValue() == 0;
		Assumptions.assumeTrue(ok, "cannot mount a tmpfs here (not root?): " + new String(m.getInputStream().readAllBytes()).trim()
				+ " — the full-disk / read-only part is skipped");
	}

	interface OnFolder { void run(Path out) throws Exception; }

	/** Runs body on a fresh tmpfs mounted with these options, unmounted afterwards. */
	static void onTmpfs(String name, String options, OnFolder body) throws Exception {
		Path out = tmp.resolve(name);
		mountTmpfs(out, options);
		try {
			body.run(out);
		} finally {
			new ProcessBuilder("umount", out.toString()).start().waitFor(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void aFullDiskFailsImagesCleanlyAndTheRerunCompletesThem() throws Exception {
		onTmpfs("full", "size=160k", out -> {
			Run r = convnet(segment(in, out));
			assertEquals(1, r.code(), r.output());
			assertTrue(r.output().contains(": failed: "), r.output());
			noHalfWrittenFiles(out);
			try (Stream<Path> s = Files.list(out)) {
				assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
			}
			assertEquals(0, new ProcessBuilder("mount", "-o", "remount,size=20m", out.toString()).start().waitFor());
			Run again = convnet(segment(in, out));
			assertEquals(0, again.code(), again.output());
			sameAsReference(out);
		});
	}

	@Test
	void aReadOnlyOutputFolderIsFoundBeforeTheFirstImage() throws Exception {
		onTmpfs("readonly", "ro,size=1m", out -> {
			Run r = convnet(segment(in, out));
			assertEquals(3, r.code(), r.output());
			assertTrue(r.output().contains("cannot write into the output folder") && r.output().contains("nothing was computed"), r.output());
			assertFalse(r.output().contains("img00.tif:"), "no image was computed");
		});
	}

	@Test
	void awkwardNamesBadFilesAndNanImages() throws Exception {
		Path odd = Files.createDirectories(tmp.resolve("odd")), out = tmp.resolve("odd-out");
		for (String n : List.of("a.tif", "day2_labels.tif", "measurements_plate1.tif")) Files.copy(in.resolve("img05.tif"), odd.resolve(n));
		ImagePlus png = IJ.openImage(in.resolve("img06.tif").toString());
		javax.imageio.ImageIO.write(png.getBufferedImage(), "png", odd.resolve("a.png").toFile());
		byte[] tiff = Files.readAllBytes(in.resolve("img07.tif"));
		Files.write(odd.resolve("cut.tif"), Arrays.copyOf(tiff, tiff.length / 2));
		FloatProcessor nan = (FloatProcessor) IJ.openImage(in.resolve("img05.tif").toString()).getProcessor().convertToFloat();
		Random random = new Random(1);
		for (int i = 0; i < 64 * 64 / 100; i++) nan.setf(random.nextInt(64 * 64), i % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY);
		IJ.saveAsTiff(new ImagePlus("nan", nan), odd.resolve("nan.tif").toString());
		Run r = convnet(segment(odd, out));
		assertEquals(1, r.code(), "the truncated TIFF fails: " + r.output());
		assertTrue(r.output().contains("cut.tif: failed: truncated TIFF"), r.output());
		for (String n : List.of("a.tif_labels.tif", "a.png_labels.tif", "day2_labels_labels.tif", "measurements_plate1_labels.tif", "nan_labels.tif"))
			assertTrue(Files.isRegularFile(out.resolve(n)), n + " in " + labelsFiles(out));
		assertTrue(r.output().contains("nan.tif: ") && r.output().contains("NaN/Inf pixels left out of the normalisation statistics"), r.output());
		int clean = (int) IJ.openImage(reference.resolve("img05_labels.tif").toString()).getStatistics().max;
		int withNan = (int) IJ.openImage(out.resolve("nan_labels.tif").toString()).getStatistics().max;
		assertTrue(withNan >= clean / 2 && clean > 0, "the NaN-laced image is segmented: " + withNan + " vs " + clean + " objects");
		// saliency: a 1×1 image fails alone
		Path sal = Files.createDirectories(tmp.resolve("sal"));
		Files.copy(in.resolve("img01.tif"), sal.resolve("ok.tif"));
		IJ.saveAsTiff(new ImagePlus("tiny", new FloatProcessor(1, 1)), sal.resolve("tiny.tif").toString());
		Run s = convnet("saliency", "--input", sal.toString(), "--output", tmp.resolve("sal-out").toString());
		assertEquals(1, s.code(), s.output());
		assertTrue(s.output().contains("tiny.tif: failed: "), s.output());
		assertTrue(Files.isRegularFile(tmp.resolve("sal-out/ok_saliency.tif")), s.output());
	}

	@Test
	void aDamagedModelIsRefusedBySha256() throws Exception {
		Path model = Files.createDirectories(tmp.resolve("damaged"));
		for (String f : List.of("bioimageio.yaml", "model.onnx")) Files.copy(Path.of("models/nuclei").resolve(f), model.resolve(f));
		byte[] b = Files.readAllBytes(model.resolve("model.onnx"));
		b[b.length / 3] ^= 0x10;
		Files.write(model.resolve("model.onnx"), b);
		Run r = convnet(segment(in, tmp.resolve("damaged-out"), "--model", model.toString()));
		assertEquals(3, r.code(), r.output());
		assertTrue(r.output().contains("sha256") && r.output().contains("differs from"), r.output());
	}
}
