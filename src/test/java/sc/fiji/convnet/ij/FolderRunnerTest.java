package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import sc.fiji.convnet.io.BatchJournal;

/** The folder runner with a stand-in task: naming, journal, isolation, safety of writes. */
class FolderRunnerTest {

	@TempDir Path dir;
	final List<String> log = new ArrayList<>();

	/** Writes the image's width into {@code <base>_w.txt}; throws for "bad*", runs out of memory for "huge*". */
	static final class WidthTask implements FolderRunner.Task {
		String settings = "v1";
		int calls;
		@Override public String name() { return "width"; }
		@Override public String settings() { return settings; }
		@Override public List<String> outputSuffixes() { return List.of("_w.txt"); }
		@Override
		public void process(ImagePlus imp, FolderRunner.Item item) throws Exception {
			calls++;
			if (item.name().startsWith("bad")) throw new IllegalStateException("broken on purpose\nsecond line");
			if (item.name().startsWith("huge")) throw new OutOfMemoryError("Java heap space");
			item.write("_w.txt", out -> out.write(String.valueOf(imp.getWidth()).getBytes(StandardCharsets.UTF_8)));
			item.note("w=" + imp.getWidth());
		}
		@Override
		public void finish(FolderRunner.Finish f) throws IOException {
			StringBuilder sb = new StringBuilder();
			for (BatchJournal.Entry e : f.done) sb.append(e.input).append('\n');
			f.report.table = f.write("all.txt", out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8))).toFile();
		}
	}

	static void image(Path file, int width) {
		ImagePlus imp = new ImagePlus("x", new ByteProcessor(width, 4));
		String n = file.getFileName().toString();
		if (!n.endsWith(".png")) IJ.saveAsTiff(imp, file.toString());
		else try {
			javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	FolderRunner runner(Path in, Path out) {
		return FolderRunner.over(in.toFile()).output(out.toFile()).log(log::add);
	}

	@Test
	void namesCollisionsAndOutputLookingInputs() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		image(in.resolve("a.tif"), 5);
		image(in.resolve("a.png"), 6);
		image(in.resolve("day2_labels.tif"), 7);
		image(in.resolve("measurements_plate1.tif"), 8);
		Files.writeString(in.resolve("notes.txt"), "text");
		FolderRunner.Report r = runner(in, out).run(new WidthTask());
		assertEquals(0, r.exitCode(), r.toString());
		assertEquals(List.of("a.png", "a.tif", "day2_labels.tif", "measurements_plate1.tif"), r.processed);
		assertEquals("5", Files.readString(out.resolve("a.tif_w.txt")));
		assertEquals("6", Files.readString(out.resolve("a.png_w.txt")));
		assertEquals("7", Files.readString(out.resolve("day2_labels_w.txt")));
		assertEquals("8", Files.readString(out.resolve("measurements_plate1_w.txt")));
		assertTrue(log.contains("notes.txt: skipped: not an image"), log.toString());
	}

	@Test
	void rerunSkipsOnlyWhatTheJournalProvesComplete() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		for (String n : List.of("a", "b", "c", "d")) image(in.resolve(n + ".tif"), 5);
		WidthTask task = new WidthTask();
		runner(in, out).run(task);
		assertEquals(4, task.calls);
		Files.write(out.resolve("b_w.txt"), new byte[0]); // a truncated output
		Files.delete(out.resolve("c_w.txt")); // a lost output
		image(in.resolve("d.tif"), 9); // a changed input
		Files.setLastModifiedTime(in.resolve("d.tif"), java.nio.file.attribute.FileTime.fromMillis(1000));
		log.clear();
		FolderRunner.Report r = runner(in, out).run(task);
		assertEquals(List.of("a.tif"), r.skipped);
		assertEquals(List.of("b.tif", "c.tif", "d.tif"), r.processed);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("b.tif: redone: output b_w.txt has 0 bytes")), log.toString());
		assertTrue(log.stream().anyMatch(l -> l.startsWith("c.tif: redone: output c_w.txt is missing")), log.toString());
		assertTrue(log.stream().anyMatch(l -> l.startsWith("d.tif: redone: the input changed")), log.toString());
		assertEquals("9", Files.readString(out.resolve("d_w.txt")));
		assertEquals("a.tif\nb.tif\nc.tif\nd.tif\n", Files.readString(out.resolve("all.txt")), "the table covers every image");
		task.settings = "v2";
		assertEquals(4, runner(in, out).run(task).processed.size(), "new settings redo everything");
		// a torn last journal line (a kill while appending) is ignored
		Files.writeString(out.resolve(BatchJournal.FILE), "{\"task\":\"width\",\"inp", java.nio.file.StandardOpenOption.APPEND);
		assertEquals(4, runner(in, out).run(task).skipped.size());
	}

	@Test
	void everyFailureStaysWithItsImage() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		image(in.resolve("a.tif"), 5);
		image(in.resolve("bad.tif"), 5);
		image(in.resolve("huge.tif"), 5);
		image(in.resolve("z.tif"), 5);
		Files.writeString(in.resolve("broken.tif"), "not a tiff");
		FolderRunner.Report r = runner(in, out).run(new WidthTask());
		assertEquals(1, r.exitCode());
		assertEquals(List.of("a.tif", "z.tif"), r.processed);
		assertEquals(List.of("bad.tif", "broken.tif", "huge.tif"), r.failed.stream().sorted().toList());
		assertEquals("broken on purpose", r.failures.get("bad.tif"), "one line");
		assertTrue(r.failures.get("huge.tif").contains("block-wise"), r.failures.get("huge.tif"));
		assertTrue(log.contains("bad.tif: failed: broken on purpose"), log.toString());
		assertFalse(Files.exists(out.resolve("bad_w.txt")));
		assertEquals(3, runner(in, out).run(new WidthTask()).failed.size(), "failed images are retried");
	}

	@Test
	void aCancelledRunLeavesAJournalTheRerunCompletes() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		for (String n : List.of("a", "b", "c", "d")) image(in.resolve(n + ".tif"), 5);
		sc.fiji.convnet.predict.Progress cancelAfterTwo = new sc.fiji.convnet.predict.Progress() {
			int asked;
			@Override public void update(int done, int total) {}
			@Override public boolean cancelled() { return asked++ >= 2; }
		};
		FolderRunner.Report r = runner(in, out).progress(cancelAfterTwo).run(new WidthTask());
		assertTrue(r.cancelled);
		assertEquals(1, r.exitCode());
		assertEquals(List.of("a.tif", "b.tif"), r.processed);
		assertEquals("a.tif\nb.tif\n", Files.readString(out.resolve("all.txt")));
		FolderRunner.Report again = runner(in, out).run(new WidthTask());
		assertEquals(List.of("a.tif", "b.tif"), again.skipped);
		assertEquals(List.of("c.tif", "d.tif"), again.processed);
		assertEquals("a.tif\nb.tif\nc.tif\nd.tif\n", Files.readString(out.resolve("all.txt")));
	}

	@Test
	void outputFolderIsCheckedBeforeTheFirstImage() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		image(in.resolve("a.tif"), 5);
		Path file = Files.writeString(dir.resolve("plain"), "x");
		WidthTask task = new WidthTask();
		IOException e = assertThrows(IOException.class, () -> runner(in, file.resolve("out")).run(task));
		assertTrue(e.getMessage().contains("cannot write into the output folder"), e.getMessage());
		assertEquals(0, task.calls, "nothing computed");
	}

	@Test
	void linksAndInputsAreNeverWrittenThrough() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in")), elsewhere = Files.writeString(dir.resolve("precious.txt"), "keep");
		image(in.resolve("a.tif"), 5);
		image(in.resolve("b.tif"), 5);
		Files.createSymbolicLink(in.resolve("a_w.txt"), elsewhere);
		Files.writeString(in.resolve("b_w.txt"), "an input of the user's");
		FolderRunner.Report r = runner(in, in).run(new WidthTask()); // output folder = input folder
		assertEquals("keep", Files.readString(elsewhere));
		assertEquals("an input of the user's", Files.readString(in.resolve("b_w.txt")));
		assertTrue(Files.exists(in.resolve("a.tif_w.txt")) && Files.exists(in.resolve("b.tif_w.txt")), "names that would replace a file keep the extension");
		assertEquals(0, r.exitCode(), r.toString());
		// a rerun in the same folder: our outputs are recognised from the journal, not taken for inputs
		log.clear();
		FolderRunner.Report again = runner(in, in).run(new WidthTask());
		assertEquals(List.of("a.tif", "b.tif"), again.skipped);
		assertTrue(log.contains("a.tif_w.txt: skipped: an output of an earlier run (recorded in the journal)"), log.toString());
	}

	/** A schedule elsewhere (a Spark job): items travel serialised, finish in reverse order and come back. */
	@Test
	void aScheduleElsewhereGivesTheSameFilesJournalAndReport() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		for (String n : List.of("a", "b", "bad", "c")) image(in.resolve(n + ".tif"), 5);
		FolderRunner.Report here = runner(in, dir.resolve("here")).run(new WidthTask());
		FolderRunner.Schedule reversed = (items, done) -> {
			List<FolderRunner.Item> todo = new ArrayList<>(items);
			java.util.Collections.reverse(todo);
			WidthTask workersCopy = new WidthTask();
			for (FolderRunner.Item item : todo) {
				FolderRunner.Item there = travel(item);
				there.process(workersCopy);
				done.accept(travel(there));
			}
		};
		FolderRunner.Report there = runner(in, dir.resolve("there")).run(new WidthTask(), reversed);
		assertEquals(here.toString().replace("/here/", "/there/"), there.toString());
		assertEquals(List.of("a.tif", "b.tif", "c.tif"), there.processed, "input order");
		assertEquals(here.failures, there.failures);
		assertEquals(Files.readString(dir.resolve("here/all.txt")), Files.readString(dir.resolve("there/all.txt")));
		assertEquals("5", Files.readString(dir.resolve("there/c_w.txt")));
		assertEquals(List.of("a.tif", "b.tif", "c.tif"), runner(in, dir.resolve("there")).run(new WidthTask(), reversed).skipped, "the same journal");
	}

	@SuppressWarnings("unchecked")
	static <T extends java.io.Serializable> T travel(T object) throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
			out.writeObject(object);
		}
		try (java.io.ObjectInputStream read = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
			return (T) read.readObject();
		} catch (ClassNotFoundException e) {
			throw new IOException(e);
		}
	}
}
