package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;
import sc.fiji.convnet.segment.train.NucleiSample;

/** Training images from the user's annotations: label images matched by name, ROIs drawn as ImageJ fills them. */
class AnnotatedImagesTest {

	@TempDir Path dir;

	private static ImagePlus grey(String title, int w, int h) {
		ByteProcessor p = new ByteProcessor(w, h);
		for (int i = 0; i < w * h; i++) p.set(i, i % 251);
		return new ImagePlus(title, p);
	}

	private static ImagePlus labels(int w, int h, int objects) {
		ShortProcessor p = new ShortProcessor(w, h);
		for (int k = 1; k <= objects; k++) p.setRoi(new OvalRoi(10 * k, 5, 8, 8));
		for (int k = 1; k <= objects; k++) { p.setValue(k); p.fill(new OvalRoi(10 * k, 5, 8, 8)); }
		return new ImagePlus("labels", p);
	}

	private static void save(ImagePlus imp, File f) {
		ij.io.FileSaver saver = new ij.io.FileSaver(imp);
		assertTrue(f.getName().endsWith(".png") ? saver.saveAsPng(f.getPath()) : saver.saveAsTiff(f.getPath()), f.toString());
	}

	@Test
	void labelImagesAreMatchedByNameAndMismatchesAreReported() throws IOException {
		File images = Files.createDirectories(dir.resolve("img")).toFile(), labels = Files.createDirectories(dir.resolve("lab")).toFile();
		save(grey("a", 64, 32), new File(images, "a.tif"));
		save(grey("b", 64, 32), new File(images, "b.png"));
		save(grey("c", 64, 32), new File(images, "c.tif"));
		save(grey("d", 64, 32), new File(images, "d.tif"));
		save(labels(64, 32, 3), new File(labels, "a.tif"));
		save(labels(64, 32, 2), new File(labels, "b_labels.tif"));
		save(labels(60, 32, 2), new File(labels, "c_mask.tif")); // wrong size
		Files.writeString(images.toPath().resolve("notes.txt"), "not an image");
		List<String> log = new ArrayList<>();
		List<NucleiSample> s = AnnotatedImages.fromFolders(images, labels, 1, log::add);
		assertEquals(List.of("a.tif", "b.png"), s.stream().map(NucleiSample::id).toList());
		assertEquals(3, s.get(0).labels().count());
		assertEquals(2, s.get(1).labels().count());
		assertTrue(log.stream().anyMatch(l -> l.startsWith("c.tif: left out") && l.contains("differ in size")), log.toString());
		assertTrue(log.stream().anyMatch(l -> l.startsWith("no label image for d.tif")), log.toString());
		IOException none = assertThrows(IOException.class, () -> AnnotatedImages.fromFolders(images, Files.createDirectories(dir.resolve("empty")).toFile(), 1, x -> {}));
		assertTrue(none.getMessage().contains("no image of"), none.getMessage());
	}

	@Test
	void roisBecomeLabelsInsideTheirBoundingRectangleAsImageJFillsThem() throws IOException {
		ImagePlus imp = grey("cells", 100, 80);
		Roi oval = new OvalRoi(20, 10, 15, 11);
		Roi polygon = new PolygonRoi(new int[] { 50, 70, 60 }, new int[] { 30, 35, 60 }, 3, Roi.POLYGON);
		Roi line = new ij.gui.Line(0, 0, 99, 79); // not an area: ignored
		NucleiSample s = AnnotatedImages.fromRois(imp, new Roi[] { oval, line, polygon }, 1);
		// the region is the union of the two areas' bounds
		assertEquals(70 - 20, s.width());
		assertEquals(2, s.labels().count());
		// independent reference: ImageJ's own fill of each ROI
		ByteProcessor ref = new ByteProcessor(100, 80);
		ref.setValue(1);
		ref.fill(oval);
		ref.setValue(2);
		ref.fill(polygon);
		int[] expected = new int[s.width() * s.height()];
		for (int y = 0; y < s.height(); y++)
			for (int x = 0; x < s.width(); x++) expected[y * s.width() + x] = ref.get(20 + x, 10 + y);
		assertArrayEquals(expected, s.labels().labels());
		// pixels come from the same place
		assertEquals(imp.getProcessor().getf(20, 10), s.pixels()[0]);
		assertNull(AnnotatedImages.fromRois(imp, new Roi[] { line }, 1));
	}
}
